import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type RunningPeer, startChildProcessPeer } from '../../src/db/peers/child-process-peer';
import { type MongoPeer, startMongoPeer } from '../../src/db/peers/mongo-peer';
import { ensureStripeMock } from '../../src/db/peers/tools';

export const ENV_MONGODB_URI = 'PAYDESK_TEST_MONGODB_URI';
export const ENV_MONGODB_KIND = 'PAYDESK_TEST_MONGODB_KIND';
export const ENV_STRIPE_MOCK_URL = 'PAYDESK_TEST_STRIPE_MOCK_URL';

const log = (line: string) => process.stderr.write(`[test peers] ${line}\n`);

export async function startTestMongo(): Promise<MongoPeer> {
  return startMongoPeer({ dataDir: mkdtempSync(path.join(tmpdir(), 'paydesk-test-db-')), log });
}

export async function startStripeMock(): Promise<RunningPeer> {
  const binary = await ensureStripeMock(log);
  return startChildProcessPeer({
    kind: 'stripe-mock',
    binary,
    args: (port) => ['-http-addr', `127.0.0.1:${port}`],
  });
}
