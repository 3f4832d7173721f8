import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import type { LoadOrder, LoadReport, PreparedRequest } from './load-process';

export type { LoadReport, PreparedRequest };

export type LoadDriver = {
  pid: number;
  /** Sends `requests` (signed beforehand) from the load process and reports the timings. */
  run(
    requests: PreparedRequest[],
    load: { concurrency: number } | { perSecond: number },
    warmConnections: number,
  ): Promise<LoadReport>;
  stop(): Promise<void>;
};

type Reply = { id: number; ok: true; report?: LoadReport } | { id: number; ok: false; error: string };

/** Forks load-process.ts (through tsx), the bench's sender of timed requests. */
export async function startLoadDriver(): Promise<LoadDriver> {
  const child: ChildProcess = fork(path.join(__dirname, 'load-process.ts'), [], {
    cwd: path.resolve(__dirname, '..', '..'),
    env: { PATH: process.env.PATH ?? '' },
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting = new Map<
    number,
    { resolve: (report: LoadReport) => void; reject: (error: Error) => void }
  >();
  let ready: () => void = () => {};
  const started = new Promise<void>((resolve) => {
    ready = resolve;
  });
  child.on('message', (reply: Reply) => {
    if (reply.id === 0) return ready();
    const pending = waiting.get(reply.id);
    waiting.delete(reply.id);
    if (reply.ok) pending?.resolve(reply.report as LoadReport);
    else pending?.reject(new Error(`load process: ${reply.error}`));
  });
  child.once('exit', (code, signal) => {
    const error = new Error(`the load process exited (${signal ?? code})`);
    for (const pending of waiting.values()) pending.reject(error);
  });
  await started;
  let nextId = 1;
  return {
    pid: child.pid ?? -1,
    run(requests, load, warmConnections) {
      const id = nextId++;
      const first = requests[0];
      const order: LoadOrder = {
        id,
        requests,
        warm: {
          origin: first ? new URL(first.url).origin : 'http://127.0.0.1',
          connections: warmConnections,
        },
        ...load,
      };
      return new Promise<LoadReport>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        child.send(order);
      });
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.disconnect();
      await exited;
    },
  };
}
