import { addMinutes, subDays, subMinutes, subSeconds } from 'date-fns';
import type { Database } from '../../../src/db/connection';
import type { TopupRecord } from '../../../src/db/models/topup';
import type { TransferRecord } from '../../../src/db/models/transfer';
import { topupsRepository } from '../../../src/db/repositories/topups';
import { transfersRepository } from '../../../src/db/repositories/transfers';
import type { TopupStatus } from '../../../src/domain/topups/types';
import type { ReversalRequest, TransferStatus } from '../../../src/domain/transfers/types';
import { connectTestDatabase } from '../../support/database';

/**
 * Every query the reconciler runs filters in the database, is backed by an index, and cannot be
 * starved by old rows: 10,000 historical top-ups and transfers sit in front of each needle.
 */
const NOW = new Date('2025-06-02T12:00:00.000Z');
const CUTOFF = subSeconds(NOW, 60);
const HISTORY = 10_000;
/** Historical rows are one minute apart, starting 10 days ago (all well before the cutoff). */
const HISTORY_START = subDays(NOW, 10);
const MIDDLE = addMinutes(HISTORY_START, HISTORY / 2 + 0.5);
const NEEDLE = 'N-';

let serial = 0;
function topupDoc(status: TopupStatus, updatedAt: Date, fields: Partial<TopupRecord> = {}) {
  const ref = fields.ref ?? `H-TU-${++serial}`;
  return {
    ref,
    amountCents: 10_000,
    status,
    requestedBy: { teamId: 'T1', userId: 'U1' },
    requestedAt: subMinutes(updatedAt, 5),
    requiredApprovals: 1,
    approvals: [],
    idempotencyKey: `topup:${ref}`,
    currency: 'usd' as const,
    description: 'history',
    statementDescriptor: 'PAYDESK',
    expectedAvailableAt: updatedAt,
    alertedStatus: null,
    updatedAt,
    ...fields,
  };
}

function transferDoc(status: TransferStatus, updatedAt: Date, fields: Partial<TransferRecord> = {}) {
  const ref = fields.ref ?? `H-TR-${++serial}`;
  return {
    ref,
    amountCents: 5_000,
    status,
    requestedBy: { teamId: 'T1', userId: 'U1' },
    requestedAt: subMinutes(updatedAt, 5),
    requiredApprovals: 1,
    approvals: [],
    idempotencyKey: `transfer:${ref}`,
    currency: 'usd' as const,
    writerId: 'w1',
    writerSlackUserId: 'UW1',
    destination: 'acct_1',
    transferGroup: ref,
    stripeTransferId: status === 'paid' || status === 'reversed' ? `tr_${ref}` : null,
    writerNotified: status === 'paid' || status === 'reversed',
    reversalRequest: null,
    updatedAt,
    ...fields,
  };
}

function reversalRequest(approvedAt: Date | null, ref: string): ReversalRequest {
  return {
    amountCents: 1_000,
    reason: 'overpaid',
    requestedBy: 'U1',
    requestedAt: subMinutes(approvedAt ?? NOW, 5),
    idempotencyKey: `reversal:${ref}`,
    approvedBy: approvedAt ? 'U2' : null,
    approvedAt,
  };
}

const FINISHED_TOPUP: TopupStatus[] = ['succeeded', 'failed', 'canceled', 'reversed', 'rejected', 'expired'];
const ALERTED: TopupStatus[] = ['succeeded', 'failed', 'canceled', 'reversed'];
const FINISHED_TRANSFER: TransferStatus[] = [
  'paid',
  'paid',
  'paid',
  'reversed',
  'failed',
  'rejected',
  'expired',
];

describe('the reconciler queries with 10,000 historical rows', () => {
  let db: Database;
  let topups: ReturnType<typeof topupsRepository>;
  let transfers: ReturnType<typeof transfersRepository>;

  beforeAll(async () => {
    db = await connectTestDatabase();
    topups = topupsRepository(db.models, () => NOW);
    transfers = transfersRepository(db.models, () => NOW);
    // Already alerted (or never alerted: rejected and expired are not alerted statuses).
    await db.models.topups.insertMany(
      Array.from({ length: HISTORY }, (_, i) => {
        const status = FINISHED_TOPUP[i % FINISHED_TOPUP.length] as TopupStatus;
        return topupDoc(status, addMinutes(HISTORY_START, i), {
          alertedStatus: ALERTED.includes(status) ? status : null,
        });
      }),
    );
    // Paid and notified, reversed, failed...; every 10th paid one has a reversal waiting for approval.
    await db.models.transfers.insertMany(
      Array.from({ length: HISTORY }, (_, i) => {
        const status = FINISHED_TRANSFER[i % FINISHED_TRANSFER.length] as TransferStatus;
        const ref = `H-TR-${++serial}`;
        return transferDoc(status, addMinutes(HISTORY_START, i), {
          ref,
          reversalRequest: status === 'paid' && i % 10 === 0 ? reversalRequest(null, ref) : null,
        });
      }),
    );
  }, 120_000);

  afterEach(async () => {
    await db.models.topups.deleteMany({ ref: { $regex: `^${NEEDLE}` } });
    await db.models.transfers.deleteMany({ ref: { $regex: `^${NEEDLE}` } });
  });

  afterAll(() => db?.close());

  it('alertsDue finds lost alerts behind 10,000 alerted top-ups, including rows stored before the fix', async () => {
    const middle = await db.models.topups.create(topupDoc('succeeded', MIDDLE, { ref: `${NEEDLE}1` }));
    const newest = await db.models.topups.create(
      topupDoc('failed', subMinutes(NOW, 5), { ref: `${NEEDLE}2`, alertedStatus: 'submitting' }),
    );
    // Settled then reversed: the 'succeeded' alert went out, the 'reversed' one was lost.
    const reversed = await db.models.topups.create(
      topupDoc('reversed', addMinutes(MIDDLE, 1), { ref: `${NEEDLE}3`, alertedStatus: 'succeeded' }),
    );
    // A row written before alertedStatus existed: no field at all.
    const legacy = topupDoc('canceled', addMinutes(MIDDLE, 2), { ref: `${NEEDLE}4` }) as Record<
      string,
      unknown
    >;
    delete legacy.alertedStatus;
    await db.models.topups.collection.insertOne(legacy);
    // Too recent (the live sender may still be on it) and not finished: not due.
    await db.models.topups.create(topupDoc('succeeded', subSeconds(NOW, 10), { ref: `${NEEDLE}5` }));
    await db.models.topups.create(topupDoc('pending', MIDDLE, { ref: `${NEEDLE}6` }));

    const due = await topups.alertsDue(CUTOFF);
    expect(due.map((t) => t.ref)).toEqual([`${NEEDLE}1`, `${NEEDLE}3`, `${NEEDLE}4`, `${NEEDLE}2`]);
    expect(due.map((t) => t.id)).toEqual(
      expect.arrayContaining([middle.id, newest.id, reversed.id].map(String)),
    );
  });

  it('alertsDue no longer returns a top-up once markAlerted recorded its alert', async () => {
    const lost = await db.models.topups.create(topupDoc('succeeded', MIDDLE, { ref: `${NEEDLE}1` }));
    expect((await topups.alertsDue(CUTOFF)).map((t) => t.ref)).toEqual([`${NEEDLE}1`]);
    await topups.markAlerted(String(lost.id), 'succeeded');
    expect(await topups.alertsDue(CUTOFF)).toEqual([]);
  });

  it('successive alertsDue calls, each batch marked alerted, drain more than 200 due top-ups', async () => {
    const count = 450;
    await db.models.topups.insertMany(
      Array.from({ length: count }, (_, i) =>
        topupDoc(ALERTED[i % ALERTED.length] as TopupStatus, addMinutes(HISTORY_START, i * 20 + 0.5), {
          ref: `${NEEDLE}${i}`,
        }),
      ),
    );
    const seen = new Set<string>();
    let calls = 0;
    for (;;) {
      const batch = await topups.alertsDue(CUTOFF);
      if (batch.length === 0) break;
      calls += 1;
      expect(calls).toBeLessThanOrEqual(count);
      expect(batch.length).toBeLessThanOrEqual(200);
      for (const topup of batch) {
        expect(seen.has(topup.ref)).toBe(false);
        seen.add(topup.ref);
        await topups.markAlerted(topup.id, topup.status);
      }
    }
    expect(seen.size).toBe(count);
    expect(calls).toBe(Math.ceil(count / 200));
  });

  it('paidWithoutNotice finds the one paid transfer whose DM was lost behind 10,000 notified ones', async () => {
    await db.models.transfers.create(
      transferDoc('paid', MIDDLE, { ref: `${NEEDLE}1`, writerNotified: false }),
    );
    await db.models.transfers.create(
      transferDoc('paid', subSeconds(NOW, 10), { ref: `${NEEDLE}2`, writerNotified: false }),
    );
    expect((await transfers.paidWithoutNotice(CUTOFF)).map((t) => t.ref)).toEqual([`${NEEDLE}1`]);
    const [lost] = await transfers.paidWithoutNotice(CUTOFF);
    await transfers.markWriterNotified(lost?.id as string);
    expect(await transfers.paidWithoutNotice(CUTOFF)).toEqual([]);
  });

  it('reversalsApprovedBefore finds the approved reversal behind 10,000 other transfers', async () => {
    await db.models.transfers.create(
      transferDoc('paid', MIDDLE, {
        ref: `${NEEDLE}1`,
        reversalRequest: reversalRequest(MIDDLE, `${NEEDLE}1`),
      }),
    );
    // Approved too recently: the live call may still be on its way.
    await db.models.transfers.create(
      transferDoc('paid', NOW, {
        ref: `${NEEDLE}2`,
        reversalRequest: reversalRequest(subSeconds(NOW, 10), `${NEEDLE}2`),
      }),
    );
    expect((await transfers.reversalsApprovedBefore(CUTOFF)).map((t) => t.ref)).toEqual([`${NEEDLE}1`]);
  });

  it('listByStatus finds the stuck submitting and the undecided requested rows behind 10,000 others', async () => {
    await db.models.topups.create(topupDoc('submitting', MIDDLE, { ref: `${NEEDLE}1` }));
    await db.models.topups.create(topupDoc('requested', MIDDLE, { ref: `${NEEDLE}2` }));
    await db.models.topups.create(topupDoc('submitting', subSeconds(NOW, 10), { ref: `${NEEDLE}3` }));
    await db.models.transfers.create(transferDoc('submitting', MIDDLE, { ref: `${NEEDLE}4` }));
    await db.models.transfers.create(transferDoc('approved', MIDDLE, { ref: `${NEEDLE}5` }));
    const refs = (rows: { ref: string }[]) => rows.map((row) => row.ref);
    expect(refs(await topups.listByStatus(['submitting'], { olderThan: CUTOFF }))).toEqual([`${NEEDLE}1`]);
    expect(refs(await topups.listByStatus(['requested'], { olderThan: CUTOFF }))).toEqual([`${NEEDLE}2`]);
    expect(refs(await transfers.listByStatus(['submitting'], { olderThan: CUTOFF }))).toEqual([`${NEEDLE}4`]);
    expect(refs(await transfers.listByStatus(['approved'], { olderThan: CUTOFF }))).toEqual([`${NEEDLE}5`]);
  });

  it('has an index matching each reconciler filter', async () => {
    const keys = async (model: Database['models']['topups'] | Database['models']['transfers']) =>
      (await model.listIndexes()).map((index) => JSON.stringify(index.key));
    expect(await keys(db.models.topups)).toEqual(
      expect.arrayContaining([
        JSON.stringify({ status: 1, updatedAt: 1 }),
        JSON.stringify({ status: 1, alertedStatus: 1, updatedAt: 1 }),
      ]),
    );
    expect(await keys(db.models.transfers)).toEqual(
      expect.arrayContaining([
        JSON.stringify({ status: 1, updatedAt: 1 }),
        JSON.stringify({ status: 1, writerNotified: 1, updatedAt: 1 }),
        JSON.stringify({ status: 1, 'reversalRequest.approvedAt': 1 }),
      ]),
    );
  });
});
