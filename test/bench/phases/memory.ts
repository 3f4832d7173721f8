import { findActionElement } from '../../../sandbox/slack';
import { ACTIONS } from '../../../src/slack/ids';
import { FINANCE, FINANCE_CHANNEL } from '../../support/config';
import { type BenchEvent, deliver, signDelivery, unknownEvent } from '../events';
import { get, runClosedLoop, seededRandom, shuffle } from '../load';
import type { MemoryReading } from '../protocol';
import type { BenchWorld } from '../world';

export const MEMORY_CONCURRENCY = 50;

export type MemoryRow = {
  requests: number;
  chunks: number;
  /** Per chunk: 25% /topup, 25% Approve clicks, 25% webhooks (20% of them repeats), 15% /payouts help, 10% GET /readyz. */
  mix: string;
  warm: MemoryReading;
  after: MemoryReading;
  /** RSS after each chunk, MB. */
  rssTrendMb: number[];
  rssGrowthMb: number;
  heapGrowthMb: number;
  non2xx: number;
};

const MB = 1024 * 1024;

/**
 * RSS (after a forced GC) once a warm-up chunk of the mix has run, then again after `total`
 * mixed requests sent in chunks at concurrency 50, each chunk drained before the next. Each
 * chunk's clicks approve the requests the previous chunk's /topup commands posted; its webhooks
 * carry the events those approvals made at the simulator, plus unknown types.
 */
export async function memoryPhase(world: BenchWorld, total: number, chunkSize: number): Promise<MemoryRow> {
  const slack = world.slack.requestsTo(world.paydesk.urls.base);
  const webhookUrl = world.paydesk.urls.webhooks;
  const share = (part: number) => Math.round(chunkSize * part);
  const random = seededRandom(7);
  let seenEvents = world.stripe.events().length;
  let messagesSeen = world.slack.messages(FINANCE_CHANNEL).length;
  const newRequests = () => {
    const messages = world.slack.messages(FINANCE_CHANNEL);
    const fresh = messages.slice(messagesSeen);
    messagesSeen = messages.length;
    return fresh.filter((message) => findActionElement(message.blocks, ACTIONS.approveTopup) !== undefined);
  };
  const topup = (i: number) => () =>
    slack
      .command({ userId: FINANCE.one, command: '/topup', text: `${200 + (i % 700)} memory #${i}` })
      .then((r) => r.status);
  const help = () =>
    slack.command({ userId: FINANCE.two, command: '/payouts', text: 'help' }).then((r) => r.status);
  const click = (ts: string) => () =>
    slack
      .blockAction({
        userId: FINANCE.two,
        actionId: ACTIONS.approveTopup,
        channelId: FINANCE_CHANNEL,
        messageTs: ts,
      })
      .then((r) => r.status);
  const webhook = (event: BenchEvent) => () => deliver(webhookUrl, signDelivery(event));

  let approvable: string[] = [];
  let non2xx = 0;
  const runChunk = async (chunk: number) => {
    const all: BenchEvent[] = world.stripe.events();
    const fresh = all.slice(seenEvents, seenEvents + share(0.2));
    seenEvents += fresh.length;
    while (fresh.length < share(0.2)) fresh.push(unknownEvent());
    const events = [
      ...fresh,
      ...Array.from(
        { length: share(0.25) - fresh.length },
        () => fresh[Math.floor(random() * fresh.length)] as BenchEvent,
      ),
    ];
    const requests = [
      ...Array.from({ length: share(0.25) }, (_, i) => topup((chunk + 1) * chunkSize + i)),
      ...approvable.slice(0, share(0.25)).map(click),
      ...events.map(webhook),
      ...Array.from({ length: share(0.15) }, () => help),
    ];
    while (requests.length < chunkSize) requests.push(() => get(`${world.paydesk.urls.base}/readyz`));
    const order = shuffle(requests, chunk + 1000);
    const result = await runClosedLoop(order.length, MEMORY_CONCURRENCY, (i) =>
      (order[i] as () => Promise<number>)(),
    );
    non2xx += Object.entries(result.statuses).reduce(
      // 409: a webhook's twin was being processed at that moment; Stripe would deliver it again.
      (sum, [status, n]) => (status.startsWith('2') || status === '409' ? sum : sum + n),
      0,
    );
    await world.paydesk.drain();
    approvable = newRequests().map((message) => message.ts);
  };

  // Warm-up: one chunk of the same mix (its clicks find nothing to approve yet), not counted.
  await runChunk(-1);
  const warm = await world.paydesk.memory();
  non2xx = 0;

  const rssTrendMb: number[] = [];
  const chunks = Math.ceil(total / chunkSize);
  await world.measure('memory', chunks * chunkSize, async () => {
    for (let chunk = 0; chunk < chunks; chunk += 1) {
      await runChunk(chunk);
      rssTrendMb.push(Math.round(((await world.paydesk.memory()).rssBytes / MB) * 10) / 10);
    }
  });
  const after = await world.paydesk.memory();
  return {
    requests: chunks * chunkSize,
    chunks,
    mix: '25% /topup, 25% Approve, 25% webhooks (20% repeats), 15% /payouts help, 10% GET /readyz',
    warm,
    after,
    rssTrendMb,
    rssGrowthMb: (after.rssBytes - warm.rssBytes) / MB,
    heapGrowthMb: (after.heapUsedBytes - warm.heapUsedBytes) / MB,
    non2xx,
  };
}
