import type { RunningPeer } from '../../src/db/peers/child-process-peer';

export default async function globalTeardown(): Promise<void> {
  const peers = (globalThis as { __paydeskPeers?: RunningPeer[] }).__paydeskPeers ?? [];
  await Promise.all(peers.map((peer) => peer.stop()));
}
