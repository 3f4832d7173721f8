import type { mongo } from 'mongoose';
import type { Database } from '../../../src/db/connection';
import { connectTestDatabase } from '../../support/database';

/**
 * The test peer's indexes (tools/mongo-java-server: EqualityIndex, SupersetUniqueIndex, a leading
 * $match handed to the collection) only narrow which documents are looked at. Each query here
 * must answer exactly what a scan answers, as mongod would, through updates, deletes, reused
 * slots, arrays and missing fields.
 */
let db: Database;
type Collection = mongo.Collection;
type Document = mongo.Document;

let items: Collection;

const ids = async (filter: Document, sort?: Document) =>
  (await items.find(filter, sort ? { sort } : {}).toArray()).map((doc) => doc._id);

beforeAll(async () => {
  db = await connectTestDatabase();
  items = db.connection.db?.collection('peerIndexItems') as Collection;
  await items.createIndex({ status: 1, queuedAt: 1 });
  await items.createIndex({ key: 1 }, { unique: true });
  const statuses = ['pending', 'sent', null];
  for (let i = 0; i < 20; i += 1) {
    await items.insertOne({ _id: i as never, key: `k${i}`, status: statuses[i % 3], n: i });
  }
  await items.insertOne({ _id: 100 as never, key: 'k100', n: 100 });
});

afterAll(async () => {
  await db.connection.db?.dropDatabase();
  await db.close();
});

describe('the test database peer answers indexed queries as a scan would', () => {
  it('finds by equality, by null (which matches a missing field) and by $in', async () => {
    expect(await ids({ status: 'pending' })).toEqual([0, 3, 6, 9, 12, 15, 18]);
    expect(await ids({ status: null })).toEqual([2, 5, 8, 11, 14, 17, 100]);
    expect(await ids({ status: { $in: ['pending', 'sent'] } }, { _id: 1 })).toEqual([
      0, 1, 3, 4, 6, 7, 9, 10, 12, 13, 15, 16, 18, 19,
    ]);
    expect(await ids({ status: 'sent' }, { n: -1 })).toEqual([19, 16, 13, 10, 7, 4, 1]);
  });

  it('follows updates, deletes and reused slots', async () => {
    await items.updateOne({ _id: 3 as never }, { $set: { status: 'sent' } });
    await items.updateMany({ status: 'pending', n: { $gt: 10 } }, { $set: { status: 'failed' } });
    expect(await ids({ status: 'pending' })).toEqual([0, 6, 9]);
    expect(await ids({ status: 'failed' })).toEqual([12, 15, 18]);
    await items.deleteMany({ status: 'failed' });
    expect(await ids({ status: 'failed' })).toEqual([]);
    await items.insertOne({ _id: 200 as never, key: 'k200', status: 'pending' });
    expect(await ids({ status: 'pending' })).toEqual([0, 6, 9, 200]);
    expect(await items.countDocuments({ status: 'sent' })).toBe(8);
  });

  it('uses a unique key with other conditions as a compare-and-set, and upserts on a miss', async () => {
    expect(await ids({ key: 'k6', status: 'pending' })).toEqual([6]);
    expect(await ids({ key: 'k6', status: 'sent' })).toEqual([]);
    const won = await items.findOneAndUpdate(
      { key: 'k9', status: 'pending' },
      { $set: { status: 'sending' } },
      { returnDocument: 'after' },
    );
    expect(won?.status).toBe('sending');
    expect(
      await items.findOneAndUpdate({ key: 'k9', status: 'pending' }, { $set: { status: 'x' } }),
    ).toBeNull();
    const upserted = await items.updateOne(
      { key: 'k400', status: 'pending' },
      { $setOnInsert: { n: 400 } },
      { upsert: true },
    );
    expect(upserted.upsertedCount).toBe(1);
    expect(await ids({ _id: { $in: [0, 1, 6, 9] }, status: { $in: ['pending', 'sent'] } })).toEqual([
      0, 1, 6,
    ]);
  });

  it('counts and aggregates after a leading $match as over the whole collection', async () => {
    const sent = await items.aggregate([{ $match: { status: 'sent' } }, { $count: 'n' }]).toArray();
    expect(sent[0]?.n).toBe(8);
    const all = await items.aggregate([{ $group: { _id: '$status', n: { $sum: 1 } } }]).toArray();
    expect(all.reduce((sum, group) => sum + group.n, 0)).toBe(await items.countDocuments({}));
    // A field named like a query wrapper is a field like any other.
    await items.insertOne({ _id: 500 as never, key: 'k500', query: { a: 1 } });
    const wrapped = await items.aggregate([{ $match: { query: { a: 1 } } }, { $count: 'n' }]).toArray();
    expect(wrapped[0]?.n).toBe(1);
  });

  it('falls back to a scan once a document holds an array under the key ("contains")', async () => {
    await items.insertOne({ _id: 300 as never, key: 'k300', status: ['pending', 'held'] });
    // In the order a scan finds them: the upserted k400 took its slot before k300.
    expect(await ids({ status: 'pending' })).toEqual([0, 6, 200, await lastUpsertedId(), 300]);
    expect(await ids({ status: 'held' })).toEqual([300]);
  });

  it('claims the oldest unprocessed event through a compound index on a null field', async () => {
    const events = db.connection.db?.collection('peerIndexEvents') as Collection;
    await events.createIndex({ processedAt: 1, claimedUntil: 1, receivedAt: 1 });
    for (let i = 0; i < 5; i += 1) {
      await events.insertOne({
        eventId: `e${i}`,
        processedAt: null,
        claimedUntil: new Date(0),
        receivedAt: new Date(1000 + i),
      });
    }
    await events.updateOne({ eventId: 'e0' }, { $set: { processedAt: new Date(5) } });
    const claimed = await events.findOneAndUpdate(
      { processedAt: null, claimedUntil: { $lte: new Date(10_000) } },
      { $set: { claimedUntil: new Date(20_000) } },
      { sort: { receivedAt: 1 }, returnDocument: 'after' },
    );
    expect(claimed?.eventId).toBe('e1');
    expect((await events.find({ processedAt: new Date(5) }).toArray()).map((e) => e.eventId)).toEqual(['e0']);
  });
});

async function lastUpsertedId(): Promise<unknown> {
  return (await items.findOne({ key: 'k400' }))?._id;
}
