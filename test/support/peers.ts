import { type RunningPeer, startChildProcessPeer } from '../../src/db/peers/child-process-peer';
import { freePort } from '../../src/db/peers/free-port';
import { type MongoPeer, startMongoPeer } from '../../src/db/peers/mongo-peer';
import { ensureStripeMock } from '../../src/db/peers/tools';

export const ENV_MONGODB_URI = 'PAYDESK_TEST_MONGODB_URI';
export const ENV_MONGODB_KIND = 'PAYDESK_TEST_MONGODB_KIND';
export const ENV_STRIPE_MOCK_URL = 'PAYDESK_TEST_STRIPE_MOCK_URL';
export const ENV_CHROMIUM = 'PAYDESK_TEST_CHROMIUM';
export const ENV_CHROMIUM_PROBLEM = 'PAYDESK_TEST_CHROMIUM_PROBLEM';

/** The Chromium the global setup found or installed; throws its one-line reason when there is none. */
export function testChromium(): string {
  const executable = process.env[ENV_CHROMIUM];
  if (executable) return executable;
  throw new Error(process.env[ENV_CHROMIUM_PROBLEM] ?? 'Chromium was not provisioned by the global setup');
}

const log = (line: string) => process.stderr.write(`[test peers] ${line}\n`);

export async function startTestMongo(): Promise<MongoPeer> {
  return startMongoPeer({ log });
}

export async function startStripeMock(): Promise<RunningPeer> {
  const binary = await ensureStripeMock(log);
  const httpsPort = await freePort();
  return startChildProcessPeer({
    kind: 'stripe-mock',
    binary,
    // stripe-mock also serves HTTPS, on a fixed default port unless given one: give it a free one.
    args: (port) => ['-http-addr', `127.0.0.1:${port}`, '-https-addr', `127.0.0.1:${httpsPort}`],
  });
}
