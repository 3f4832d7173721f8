import { ensureChromium } from '../../sandbox/tools/chromium';
import type { RunningPeer } from '../../src/db/peers/child-process-peer';
import {
  ENV_CHROMIUM,
  ENV_CHROMIUM_PROBLEM,
  ENV_MONGODB_KIND,
  ENV_MONGODB_URI,
  ENV_STRIPE_MOCK_URL,
  startStripeMock,
  startTestMongo,
} from './peers';

/**
 * Starts the real peers once per `npm test`: a MongoDB wire-protocol server (MONGODB_URI if
 * given, else mongod, else FerretDB built on first use) stripe-mock, and Chromium for the browser test. Workers inherit the
 * addresses through the environment.
 */
export default async function globalSetup(): Promise<void> {
  const peers: RunningPeer[] = [];
  if (process.env.MONGODB_URI) {
    process.env[ENV_MONGODB_URI] = process.env.MONGODB_URI.replace(/\/?$/, '/');
    process.env[ENV_MONGODB_KIND] = 'external';
  } else {
    const mongo = await startTestMongo();
    peers.push(mongo);
    process.env[ENV_MONGODB_URI] = mongo.uri;
    process.env[ENV_MONGODB_KIND] = mongo.kind;
  }
  const stripeMock = await startStripeMock();
  peers.push(stripeMock);
  process.env[ENV_STRIPE_MOCK_URL] = `http://127.0.0.1:${stripeMock.port}`;
  try {
    process.env[ENV_CHROMIUM] = await ensureChromium((line) =>
      process.stderr.write(`[test peers] ${line}\n`),
    );
  } catch (error) {
    // Only the browser test needs it: that test fails with this one line, the others run.
    process.env[ENV_CHROMIUM_PROBLEM] = (error as Error).message;
  }
  process.stderr.write(
    `\n[test peers] database: ${process.env[ENV_MONGODB_KIND]}; stripe-mock on port ${stripeMock.port}\n`,
  );
  (globalThis as { __paydeskPeers?: RunningPeer[] }).__paydeskPeers = peers;
}
