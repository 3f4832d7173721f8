import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { connectDatabase } from '../../../src/db/connection';
import { createLogger } from '../../../src/logger';
import { connectTestDatabase } from '../../support/database';
import { ENV_MONGODB_URI } from '../../support/peers';

describe('the database peer and connection', () => {
  it('gives compare-and-set semantics under concurrency: one winner, no lost increments', async () => {
    const db = await connectTestDatabase();
    try {
      const things = db.connection.collection('casProbe');
      await things.insertOne({ _id: 'x' as never, status: 'requested', count: 0 });
      const winners = await Promise.all(
        Array.from({ length: 30 }, () =>
          things.findOneAndUpdate(
            { _id: 'x' as never, status: 'requested' },
            { $set: { status: 'approved' } },
          ),
        ),
      );
      expect(winners.filter((doc) => doc !== null)).toHaveLength(1);
      await Promise.all(
        Array.from({ length: 50 }, () => things.updateOne({ _id: 'x' as never }, { $inc: { count: 1 } })),
      );
      expect((await things.findOne({ _id: 'x' as never }))?.count).toBe(50);
    } finally {
      await db.close();
    }
  });

  it('refuses to start when a unique index it relies on cannot be created', async () => {
    const dbName = `idx_${randomBytes(5).toString('hex')}`;
    const raw = await mongoose.createConnection(`${process.env[ENV_MONGODB_URI]}${dbName}`).asPromise();
    // Two deliveries of one event stored before the index existed: the unique index cannot be built.
    await raw.collection('stripeEvents').insertMany([{ eventId: 'evt_dup' }, { eventId: 'evt_dup' }]);
    await raw.close();
    await expect(
      connectDatabase({
        uri: process.env[ENV_MONGODB_URI],
        dbName,
        logger: createLogger({ level: 'silent' }),
      }),
    ).rejects.toThrow();
  });

  it('fails fast, not after 10 s of buffering, when the database is unreachable', async () => {
    const started = Date.now();
    await expect(
      connectDatabase({
        uri: 'mongodb://127.0.0.1:1/',
        dbName: 'nothing',
        logger: createLogger({ level: 'silent' }),
      }),
    ).rejects.toThrow('The database is unreachable');
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
