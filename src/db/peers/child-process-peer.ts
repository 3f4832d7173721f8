import { type ChildProcess, spawn } from 'node:child_process';
import { freePort, waitForPort } from './free-port';

export type RunningPeer = {
  kind: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
};

/** Starts a server binary on a free loopback port and resolves once it accepts connections. */
export async function startChildProcessPeer(options: {
  kind: string;
  binary: string;
  args: (port: number) => string[];
  port?: number;
  startTimeoutMs?: number;
}): Promise<RunningPeer> {
  const port = options.port ?? (await freePort());
  const child: ChildProcess = spawn(options.binary, options.args(port), {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<never>((_, reject) => {
    child.once('exit', (code) => reject(new Error(`${options.kind} exited with ${code}: ${stderr}`)));
    child.once('error', reject);
  });
  try {
    await Promise.race([waitForPort(port, options.startTimeoutMs ?? 20_000), exited]);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  exited.catch(() => {});
  return {
    kind: options.kind,
    port,
    pid: child.pid ?? -1,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      }),
  };
}
