import { randomBytes } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import type { Database } from '../../../src/db/connection';
import { auditEventsRepository } from '../../../src/db/repositories/audit-events';
import { type AuditLog, auditLog } from '../../../src/domain/audit/audit-log';
import { auditCsv } from '../../../src/domain/audit/export-csv';
import type { AuditEntry } from '../../../src/domain/audit/types';
import { TEST_SECRETS } from '../../support/config';
import { connectTestDatabase } from '../../support/database';

const actor = { kind: 'slack', teamId: 'T1', userId: 'UFIN0001' } as const;

async function allEntries(log: AuditLog): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  for await (const entry of log.inOrder()) entries.push(entry);
  return entries;
}

describe('audit trail', () => {
  let dbName: string;
  let replicaA: Database;
  let replicaB: Database;
  let logA: AuditLog;
  let logB: AuditLog;

  beforeEach(async () => {
    dbName = `audit_${randomBytes(5).toString('hex')}`;
    // Two connections with their own pools: two app instances appending to one collection.
    replicaA = await connectTestDatabase(dbName);
    replicaB = await connectTestDatabase(dbName);
    const key = Buffer.from(TEST_SECRETS.auditHmacKey);
    logA = auditLog({ store: auditEventsRepository(replicaA.models), clock: () => new Date(), key });
    logB = auditLog({ store: auditEventsRepository(replicaB.models), clock: () => new Date(), key });
  });
  afterEach(async () => {
    await replicaA.close();
    await replicaB.close();
  });

  it('500 concurrent appends from two instances give seq 1..500 with no gap and a chain that verifies', async () => {
    await Promise.all(
      Array.from({ length: 500 }, (_, i) =>
        (i % 2 === 0 ? logA : logB).append({
          actor,
          action: 'topup.requested',
          subject: { type: 'topup', id: `TU-${i}` },
          details: { amountCents: 1000 + i },
        }),
      ),
    );
    const entries = await allEntries(logA);
    expect(entries.map((entry) => entry.seq)).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
    expect(new Set(entries.map((entry) => entry.subject.id)).size).toBe(500);
    const verified = await logB.verify();
    expect(verified).toMatchObject({ count: 500, keyedFrom: 1, problems: [] });
    expect(verified.firstBreak).toBeUndefined();
  });

  it('reports the exact entry whose stored field was changed', async () => {
    for (let i = 0; i < 10; i += 1) {
      await logA.append({
        actor,
        action: 'transfer.paid',
        subject: { type: 'transfer', id: `TR-${i}` },
        details: { amountCents: 900 },
      });
    }
    await replicaA.models.auditEvents.collection.updateOne(
      { seq: 6 },
      { $set: { 'details.amountCents': 90000 } },
    );
    expect((await logA.verify()).firstBreak).toEqual({
      seq: 6,
      reason: 'entry 6 was altered: its content no longer matches its MAC',
      intactThrough: 5,
    });
  });

  it('reports the exact entry that was deleted', async () => {
    for (let i = 0; i < 10; i += 1) {
      await logA.append({ actor, action: 'writer.invited', subject: { type: 'writer', id: `W${i}` } });
    }
    await replicaA.models.auditEvents.collection.deleteOne({ seq: 4 });
    expect((await logA.verify()).firstBreak).toEqual({
      seq: 4,
      reason: 'entry 4 is missing (the next stored entry is 5): it was deleted',
      intactThrough: 3,
    });
  });

  it('reports a rewritten entry whose hash was recomputed, at the entry after it', async () => {
    for (let i = 0; i < 5; i += 1) {
      await logA.append({ actor, action: 'topup.approved', subject: { type: 'topup', id: `TU-${i}` } });
    }
    await replicaA.models.auditEvents.collection.updateOne({ seq: 3 }, { $set: { hash: 'f'.repeat(64) } });
    const result = await logA.verify();
    expect(result.firstBreak?.seq).toBe(3);
  });

  it('never stores secrets or tokens in details', async () => {
    const entry = await logA.append({
      actor,
      action: 'writer.connected',
      subject: { type: 'writer', id: 'W1' },
      details: {
        stripeAccountId: 'acct_123',
        token: 'onboarding-token-value',
        code: 'ac_oauthcode',
        note: 'key sk_test_abcdef123 leaked into a message',
        nested: { state: 'oauth-state', access_token: 'sk_test_nested' },
      },
    });
    const stored = JSON.stringify(await replicaA.models.auditEvents.collection.findOne({ seq: entry.seq }));
    expect(stored).toContain('acct_123');
    expect(stored).not.toMatch(
      /onboarding-token-value|ac_oauthcode|oauth-state|sk_test_abcdef123|sk_test_nested/,
    );
  });

  it('exports rows that match the stored entries one to one, with amounts in dollars and cents', async () => {
    const amounts = [200000, 900, 123456, 5];
    for (const [i, amountCents] of amounts.entries()) {
      await logA.append({
        actor,
        action: 'topup.requested',
        subject: { type: 'topup', id: `TU-${i}` },
        details: { amountCents },
      });
    }
    await logA.append({ actor, action: 'audit.verified', subject: { type: 'audit', id: 'chain' } });
    const entries = await allEntries(logA);
    const names = { person: (userId: string) => userId, writerOf: () => undefined };
    const csv = auditCsv(entries, { names, timeZone: 'UTC' });
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(entries.length);
    rows.forEach((row, i) => {
      const entry = entries[i] as AuditEntry;
      expect(row.seq).toBe(String(entry.seq));
      expect(row.hash).toBe(entry.hash);
      expect(row.action).toBe(entry.action);
      expect(row.reference).toBe(entry.subject.type === 'topup' ? entry.subject.id : '');
      expect(row.at_utc).toBe(entry.at.toISOString());
    });
    expect(rows.map((row) => row.amount_usd)).toEqual(['2000.00', '9.00', '1234.56', '0.05', '']);
  });
});
