import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { freePort, waitForPort } from '../../src/db/peers/free-port';
import { testEnv } from './config';

export type ChildApp = {
  url: string;
  child: ChildProcess;
  exited: Promise<NodeJS.Signals | number | null>;
  stop(): Promise<void>;
};

/**
 * The real entry point (src/main.ts) in its own process, configured only by the environment,
 * as an operator would run it. Used where the process has to die for real (crash points).
 */
export async function startChildApp(env: Record<string, string | undefined>): Promise<ChildApp> {
  const port = await freePort();
  const root = path.resolve(__dirname, '..', '..');
  const child = spawn(process.execPath, [require.resolve('tsx/cli'), path.join(root, 'src', 'main.ts')], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      ...testEnv({ PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, ...env }),
    } as NodeJS.ProcessEnv,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code)),
  );
  try {
    await Promise.race([
      waitForPort(port, 20_000),
      exited.then((how) => {
        throw new Error(`the app exited (${how}) before listening: ${stderr}`);
      }),
    ]);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
