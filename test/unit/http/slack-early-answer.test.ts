import type { IncomingMessage, ServerResponse } from 'node:http';
import pino from 'pino';
import { earlyAnswers, type SlackDispatchedEvent } from '../../../src/http/slack-early-answer';

/** What the guard hands over: a signed button click with a response_url (already verified). */
const click = (n: number) => ({
  body: { type: 'block_actions', response_url: 'http://127.0.0.1:9/response' },
  identity: `signed:${n}`,
  responseUrl: 'http://127.0.0.1:9/response',
  about: {},
});

function answered() {
  const res = { status: 0, ended: false } as { status: number; ended: boolean };
  const response = {
    writeHead: (status: number) => {
      res.status = status;
    },
    end: () => {
      res.ended = true;
    },
  } as unknown as ServerResponse;
  return { res, response, req: {} as IncomingMessage };
}

describe('answering Slack ahead of the replay check', () => {
  it('answers at most `limit` requests ahead; past that the request waits for its check, as before', async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const dispatched: SlackDispatchedEvent[] = [];
    const tasks: Promise<unknown>[] = [];
    const answer = earlyAnswers(
      {
        ledger: { remember: async () => held.then(() => 'first' as const) },
        now: () => new Date('2026-06-16T16:00:00Z'),
        logger: pino({ level: 'silent' }),
        dispatch: async (event) => {
          dispatched.push(event);
          await event.ack();
        },
        track: (_name, task) => void tasks.push(task()),
      },
      2,
    );

    const first = answered();
    const second = answered();
    const third = answered();
    expect(answer(first.req, first.response, click(1))).toBe(true);
    expect(answer(second.req, second.response, click(2))).toBe(true);
    expect([first.res, second.res]).toEqual([
      { status: 200, ended: true },
      { status: 200, ended: true },
    ]);
    // Two wait for the database: the third is left to the waiting path, unanswered here.
    expect(answer(third.req, third.response, click(3))).toBe(false);
    expect(third.res).toEqual({ status: 0, ended: false });
    expect(dispatched).toHaveLength(0);

    release();
    await Promise.all(tasks);
    expect(dispatched.map((event) => event.body.type)).toEqual(['block_actions', 'block_actions']);
    const fourth = answered();
    expect(answer(fourth.req, fourth.response, click(4))).toBe(true);
    await Promise.all(tasks);
    expect(dispatched).toHaveLength(3);
  });
});
