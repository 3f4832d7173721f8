import type { World } from '../../support/world';

/**
 * Every replica looks, twice: on the lease's terms (one holder), and then all at the same moment
 * regardless of the lease, so only the stored alarm state keeps the alert to one.
 */
export async function everyReplicaLooks(world: World): Promise<string[]> {
  const passes: string[] = [];
  for (let round = 0; round < 2; round += 1) {
    for (const replica of world.apps) passes.push(String(await replica.operations.stuckMoney.runOnce()));
    passes.push(...(await Promise.all(world.apps.map((replica) => replica.operations.stuckMoney.check()))));
  }
  await world.drain();
  return passes;
}
