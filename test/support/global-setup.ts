import type { RunningPeer } from '../../src/db/peers/child-process-peer';
import {
  ENV_MONGODB_KIND,
  ENV_MONGODB_URI,
  ENV_STRIPE_MOCK_URL,
  startStripeMock,
  startTestMongo,
} from './peers';

/**
 * Starts the real peers once per `npm test`: a MongoDB wire-protocol server (MONGODB_URI if
 * given, else mongod, else FerretDB built on first use) and stripe-mock. Workers inherit the
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
  process.stderr.write(
    `\n[test peers] database: ${process.env[ENV_MONGODB_KIND]}; stripe-mock on port ${stripeMock.port}\n`,
  );
  (globalThis as { __paydeskPeers?: RunningPeer[] }).__paydeskPeers = peers;
}
