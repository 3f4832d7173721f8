import { AnswersFirst } from '../../../src/domain/answers-first';
import { BackgroundTasks } from '../../../src/domain/background-tasks';
import { createLogger } from '../../../src/logger';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('answers first: background work yields while answers are owed', () => {
  it('lets work through at once while few answers are owed', async () => {
    const gate = new AnswersFirst({ calmAt: 2, maxWaitMs: 10_000, dripMs: 10_000 });
    gate.owe();
    gate.owe();
    let through = false;
    void gate.turn().then(() => {
      through = true;
    });
    await tick();
    expect(through).toBe(true);
  });

  it('holds work during a burst and releases it as soon as the answers are given', async () => {
    const gate = new AnswersFirst({ calmAt: 1, maxWaitMs: 10_000, dripMs: 10_000 });
    const given = [gate.owe(), gate.owe(), gate.owe()];
    let through = false;
    void gate.turn().then(() => {
      through = true;
    });
    await tick();
    expect(through).toBe(false);
    given[0]?.();
    given[0]?.(); // an answer finishes and closes: counted once
    await tick();
    expect(through).toBe(false);
    expect(gate.owing).toBe(2);
    given[1]?.();
    await tick();
    expect(through).toBe(true);
  });

  it('never stops work: a burst that does not end lets each step through after the longest wait', async () => {
    const gate = new AnswersFirst({ calmAt: 0, maxWaitMs: 20, dripMs: 10_000 });
    for (let i = 0; i < 50; i += 1) gate.owe();
    const started = Date.now();
    await gate.turn();
    await gate.turn();
    expect(Date.now() - started).toBeGreaterThanOrEqual(30);
  });

  it('an answer owed for ten seconds (a client trickling its body) stops holding work back', async () => {
    jest.useFakeTimers();
    try {
      const gate = new AnswersFirst({ calmAt: 0, maxWaitMs: 60_000, dripMs: 60_000 });
      gate.owe();
      let through = false;
      void gate.turn().then(() => {
        through = true;
      });
      await jest.advanceTimersByTimeAsync(9_000);
      expect(through).toBe(false);
      await jest.advanceTimersByTimeAsync(1_500);
      expect(through).toBe(true);
      expect(gate.owing).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });

  it('during a burst lets waiting work through one step at a time, oldest first, at a steady pace', async () => {
    jest.useFakeTimers();
    try {
      const gate = new AnswersFirst({ calmAt: 0, maxWaitMs: 60_000, dripMs: 10 });
      gate.owe();
      const through: number[] = [];
      for (let i = 0; i < 5; i += 1) void gate.turn().then(() => through.push(i));
      await jest.advanceTimersByTimeAsync(5);
      expect(through).toEqual([]);
      await jest.advanceTimersByTimeAsync(10);
      expect(through).toEqual([0]);
      await jest.advanceTimersByTimeAsync(20);
      expect(through).toEqual([0, 1, 2]);
      await jest.advanceTimersByTimeAsync(100);
      expect(through).toEqual([0, 1, 2, 3, 4]);
    } finally {
      jest.useRealTimers();
    }
  });

  it('queued after-answer tasks wait their turn; work already running is not interrupted', async () => {
    const gate = new AnswersFirst({ calmAt: 0, maxWaitMs: 10_000, dripMs: 10_000 });
    const tasks = new BackgroundTasks(createLogger({ level: 'silent' }), 4, gate);
    const given = gate.owe();
    const ran: string[] = [];
    tasks.run('after the ack', async () => {
      ran.push('queued');
    });
    tasks.runNow('bounded already', async () => {
      ran.push('now');
    });
    await tick();
    expect(ran).toEqual(['now']);
    given();
    await tasks.drain();
    expect(ran).toEqual(['now', 'queued']);
  });
});
