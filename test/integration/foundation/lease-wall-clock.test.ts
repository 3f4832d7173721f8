import { leasesRepository } from '../../../src/db/repositories/leases';
import { everyWithLease } from '../../../src/domain/leased-timer';
import { createLogger } from '../../../src/logger';
import { startWorld, type World } from '../../support/world';

/**
 * The app's clock may be a simulated one that stands still (tests, the demo). A lease must still
 * end when its holder dies: it also expires in real time, as the webhook inbox's claims do.
 */
describe('leases with a clock that stands still', () => {
  let world: World;
  beforeEach(async () => {
    world = await startWorld({ replicas: 2, clock: () => new Date('2026-12-01T15:00:00Z') });
  });
  afterEach(() => world.stop());

  it('a dead holder’s lease passes to another replica once three intervals of real time went by', async () => {
    const frozen = new Date('2026-12-01T15:00:00Z');
    let wall = Date.now();
    const logger = createLogger({ level: 'silent' });
    const timer = (replica: number) =>
      everyWithLease(
        {
          leases: leasesRepository(world.dbs[replica]?.models ?? world.app.db.models, () => new Date(wall)),
          clock: () => frozen,
          logger,
        },
        { lease: 'test-lease', intervalMs: 60_000, failure: 'test pass failed' },
        async () => replica,
      );
    const a = timer(0);
    const b = timer(1);
    try {
      expect(await a.runOnce()).toEqual({ ran: true, result: 0 });
      expect(await b.runOnce()).toEqual({ ran: false });
      wall += 179_000; // a is alive for three intervals after its last renewal
      expect(await b.runOnce()).toEqual({ ran: false });
      wall += 2_000; // a stopped renewing three intervals ago, on the wall clock: it is dead
      expect(await b.runOnce()).toEqual({ ran: true, result: 1 });
      expect(await a.runOnce()).toEqual({ ran: false });
      expect(await leasesRepository(world.app.db.models).holder('test-lease')).toBe(b.holder);
    } finally {
      await a.stop();
      await b.stop();
    }
  });
});
