import type { Database } from '../../../src/db/connection';
import { InsertBatcher } from '../../../src/db/insert-batcher';
import type { SlackRequestRecord } from '../../../src/db/models/slack-request';
import { connectTestDatabase } from '../../support/database';

describe('inserts written together (group commit)', () => {
  let db: Database;
  beforeAll(async () => {
    db = await connectTestDatabase();
  });
  afterAll(() => db.close());

  it('gives each caller its own outcome — stored or duplicate — in far fewer round trips than inserts', async () => {
    const collection = db.models.slackRequests.collection;
    let roundTrips = 0;
    const batcher = new InsertBatcher<SlackRequestRecord>((docs) => {
      roundTrips += 1;
      return collection.insertMany(docs, { ordered: false });
    });
    const now = new Date('2026-11-30T12:00:00Z');
    const row = (identity: string): SlackRequestRecord => ({ identity, receivedAt: now, expiresAt: now });
    await batcher.insert(row('stored-before'));
    roundTrips = 0;

    // 100 at once: 80 new, 10 twins of one of those, 10 of a row stored before.
    const identities = [
      ...Array.from({ length: 80 }, (_, i) => `new-${i}`),
      ...Array.from({ length: 10 }, (_, i) => `new-${i * 7}`),
      ...Array.from({ length: 10 }, () => 'stored-before'),
    ];
    const outcomes = await Promise.all(identities.map((identity) => batcher.insert(row(identity))));

    const byIdentity = new Map<string, string[]>();
    identities.forEach((identity, i) => {
      byIdentity.set(identity, [...(byIdentity.get(identity) ?? []), outcomes[i] as string]);
    });
    for (const [identity, seen] of byIdentity) {
      if (identity === 'stored-before') expect(seen.every((outcome) => outcome === 'duplicate')).toBe(true);
      else expect(seen.filter((outcome) => outcome === 'stored')).toHaveLength(1);
    }
    expect(outcomes.filter((outcome) => outcome === 'stored')).toHaveLength(80);
    expect(await db.models.slackRequests.countDocuments()).toBe(81);
    expect(roundTrips).toBeLessThan(10);
  });

  it('fails every caller of a batch the database did not take, so none is answered as stored', async () => {
    const batcher = new InsertBatcher<SlackRequestRecord>(async () => {
      throw new Error('connection reset');
    });
    const now = new Date();
    await expect(batcher.insert({ identity: 'lost', receivedAt: now, expiresAt: now })).rejects.toThrow(
      'connection reset',
    );
  });
});
