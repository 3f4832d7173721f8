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

  it('hands each concurrent findOneAndUpdate the document its own update produced, as MongoDB does', async () => {
    const db = await connectTestDatabase();
    try {
      const counters = db.connection.collection('returnAfterProbe');
      await counters.insertOne({ _id: 'c' as never, n: 0 });
      const callers = 200;
      const returned = await Promise.all(
        Array.from({ length: callers }, () =>
          counters.findOneAndUpdate({ _id: 'c' as never }, { $inc: { n: 1 } }, { returnDocument: 'after' }),
        ),
      );
      // Every caller sees its own increment: 1..200, each exactly once, never another caller's result.
      const values = returned.map((doc) => doc?.n as number).sort((a, b) => a - b);
      expect(values).toEqual(Array.from({ length: callers }, (_, i) => i + 1));
      // And 'before' hands each caller the value its own update started from: 200..399, each once.
      const before = await Promise.all(
        Array.from({ length: callers }, () =>
          counters.findOneAndUpdate({ _id: 'c' as never }, { $inc: { n: 1 } }, { returnDocument: 'before' }),
        ),
      );
      expect(before.map((doc) => doc?.n as number).sort((a, b) => a - b)).toEqual(
        Array.from({ length: callers }, (_, i) => callers + i),
      );
      expect((await counters.findOne({ _id: 'c' as never }))?.n).toBe(2 * callers);
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
