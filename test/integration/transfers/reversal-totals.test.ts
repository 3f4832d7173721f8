import type { Database } from '../../../src/db/connection';
import { transfersRepository } from '../../../src/db/repositories/transfers';
import { freshTransfer } from '../../../src/domain/transfers/fresh-transfer';
import type { Transfer } from '../../../src/domain/transfers/types';
import { connectTestDatabase } from '../../support/database';

const AT = new Date('2026-11-30T15:00:00Z');

describe('recording reversals of one transfer', () => {
  let db: Database;
  let transfers: ReturnType<typeof transfersRepository>;
  beforeAll(async () => {
    db = await connectTestDatabase();
    transfers = transfersRepository(db.models, () => AT);
  });
  afterAll(() => db.close());

  async function paidTransfer(amountCents: number): Promise<Transfer> {
    const created = await transfers.create(
      freshTransfer({
        amountCents,
        status: 'paid',
        requestedBy: { userId: 'UFIN1', teamId: 'T1' },
        requestedAt: AT,
        requiredApprovals: 1,
        approvals: [],
        decidedAt: AT,
        writerId: 'w1',
        writerSlackUserId: 'UWRITER',
        destination: 'acct_1',
        memo: 'Answers',
      }),
    );
    if (!created) throw new Error('not created');
    return created;
  }
  const reversal = (id: string, amountCents: number) => ({
    stripeReversalId: id,
    amountCents,
    reason: 'test',
    requestedBy: null,
    approvedBy: null,
    at: AT,
  });

  it('counts every reversal recorded at the same moment, and each reversal once', async () => {
    const transfer = await paidTransfer(10_000);
    const ids = Array.from({ length: 20 }, (_, i) => `trr_${i}`);
    await Promise.all([...ids, ...ids].map((id) => transfers.recordReversal(transfer.id, reversal(id, 100))));
    const after = await transfers.load(transfer.id);
    expect(after?.reversals).toHaveLength(20);
    expect(after?.amountReversedCents).toBe(2_000);
    expect(after?.status).toBe('paid');
  });

  it('becomes reversed once concurrent partial reversals reach the full amount', async () => {
    const transfer = await paidTransfer(900);
    await Promise.all([
      transfers.recordReversal(transfer.id, reversal('trr_a', 450)),
      transfers.recordReversal(transfer.id, reversal('trr_b', 450)),
    ]);
    const after = await transfers.load(transfer.id);
    expect(after?.amountReversedCents).toBe(900);
    expect(after?.status).toBe('reversed');
  });
});
