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

/**
 * The threshold (STUCK_ALERT_MINUTES = 15) as every test of the alarm walks it: 14 minutes in,
 * no replica raises anything; 16 minutes in, exactly one does, and the channel has one alert.
 */
export async function quietThenOneAlert(
  world: World,
  alerts: (world: World) => string[],
  advanceMinutes: (minutes: number) => void,
): Promise<void> {
  advanceMinutes(14);
  expect(new Set(await everyReplicaLooks(world))).toEqual(new Set(['clear', 'undefined']));
  expect(alerts(world)).toEqual([]);
  advanceMinutes(2);
  const passes = await everyReplicaLooks(world);
  expect(passes.filter((pass) => pass === 'raised')).toHaveLength(1);
  expect(alerts(world)).toHaveLength(1);
}
