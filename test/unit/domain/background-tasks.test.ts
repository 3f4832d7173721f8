import { BackgroundTasks } from '../../../src/domain/background-tasks';
import { createLogger } from '../../../src/logger';

describe('background work after an answer', () => {
  const logger = createLogger({ level: 'silent' });

  it('runs at most its concurrency of queued tasks at once, and drain waits for all of them', async () => {
    const tasks = new BackgroundTasks(logger, 2);
    let running = 0;
    let most = 0;
    const done: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      tasks.run(`task ${i}`, async () => {
        running += 1;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running -= 1;
        done.push(i);
      });
    }
    expect(tasks.size).toBe(7);
    await tasks.drain();
    expect(most).toBe(2);
    expect(done.sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(tasks.size).toBe(0);
  });

  it('keeps going after a failing task, and runNow work is not held by the queue', async () => {
    const tasks = new BackgroundTasks(logger, 1);
    const order: string[] = [];
    tasks.run('fails', async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      throw new Error('boom');
    });
    tasks.run('queued', async () => {
      order.push('queued');
    });
    tasks.runNow('bounded elsewhere', async () => {
      order.push('now');
    });
    await tasks.drain();
    expect(order).toEqual(['now', 'queued']);
  });
});

describe('background lanes', () => {
  it('a lane full of hanging Stripe calls does not hold up replies to people', async () => {
    const tasks = new BackgroundTasks(createLogger({ level: 'silent' }), { slack: 1, replies: 2, stripe: 2 });
    let release: () => void = () => {};
    const hanging = new Promise<void>((resolve) => {
      release = resolve;
    });
    for (let i = 0; i < 5; i += 1) tasks.run(`stripe call ${i}`, () => hanging, 'stripe');
    const replied: string[] = [];
    tasks.run('reply', async () => {
      replied.push('reply');
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(replied).toEqual(['reply']);
    expect(tasks.size).toBe(5);
    release();
    await tasks.drain();
    expect(tasks.size).toBe(0);
  });
});
