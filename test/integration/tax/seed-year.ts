import { Types } from 'mongoose';
import type { TaxDetails } from '../../../src/domain/tax/tax-details';
import type { World } from '../../support/world';

/** A small deterministic generator, so every run seeds the same year. */
function generator(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  return { next, int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)) };
}

export type SeededWriter = {
  id: string;
  slackUserId: string;
  displayName: string;
  email: string;
  stripeAccountId: string;
  taxDetails: TaxDetails;
};

// 2026 in New York: [2026-01-01T05:00Z, 2027-01-01T05:00Z). Some payments land outside it on purpose.
const YEAR_START = Date.parse('2026-01-01T05:00:00Z');
const YEAR_MS = Date.parse('2027-01-01T05:00:00Z') - YEAR_START;
const DAY = 86_400_000;

/**
 * 50 writers and 2,000 transfers written straight into the database (bulk inserts, no Stripe):
 * paid, partly and fully reversed, failed and waiting ones; payments in 2025, 2026 and 2027,
 * two of them at 23:30 on New Year's Eve in New York; reversals in the year after the payment
 * (late 2025 into 2026, late 2026 into 2027). Writer 3's memos and reversal reasons, writer 7's
 * name and writer 11's email are what a spreadsheet would run as formulas.
 * Writer i is paid about (10 + 2i) dollars a time, so the year's nets spread across the $2,000 threshold.
 */
export async function seedYear(
  world: World,
  options: { firstWriterSlackId: string; writers?: number; transfers?: number },
): Promise<SeededWriter[]> {
  const random = generator(20_26);
  const { models } = world.app.db;
  const teamId = world.slack.teamId;
  const at = new Date('2026-06-01T12:00:00Z');
  const details: TaxDetails[] = ['verified', 'provided', 'missing'];
  const writers = Array.from({ length: options.writers ?? 50 }, (_, i) => ({
    _id: new Types.ObjectId(),
    slackTeamId: teamId,
    slackUserId: i === 0 ? options.firstWriterSlackId : `USEED${String(i).padStart(3, '0')}`,
    // One email a spreadsheet would run as a formula (Slack's profile is text anyone can edit).
    email: i === 11 ? '=2+5@example.com' : `writer${i}@example.com`,
    // One name a spreadsheet would run as a formula, to be neutralised in the CSVs.
    displayName: i === 7 ? '=HYPERLINK("http://evil.example","Writer 7")' : `Writer ${i}`,
    firstName: null,
    status: 'active',
    stripeAccountId: `acct_seed${i}`,
    capabilities: { transfers: 'active' },
    payoutsEnabled: true,
    requirementsDue: [],
    taxDetails: details[i % 3],
    invitedBy: { teamId, userId: 'UFIN0001' },
    invitedAt: at,
    connectedAt: at,
    statusChangedAt: at,
    accountGeneration: 1,
    rev: 1,
    updatedAt: at,
  }));
  await models.writers.insertMany(writers);

  const transfers = Array.from({ length: options.transfers ?? 2_000 }, (_, n) => {
    const w = n % writers.length;
    const writer = writers[w] as (typeof writers)[number];
    const amountCents = random.int(100, (10 + 2 * w) * 200);
    const roll = random.next();
    let paidAt: Date | null = new Date(YEAR_START + Math.floor(random.next() * YEAR_MS));
    if (roll < 0.04)
      paidAt = new Date(YEAR_START - random.int(1, 60) * DAY); // 2025
    else if (roll < 0.07) paidAt = new Date(YEAR_START + YEAR_MS + random.int(1, 60) * DAY); // 2027
    if (n === 11) paidAt = new Date('2027-01-01T04:30:00Z'); // 2026-12-31 23:30 in New York: 2026
    if (n === 12) paidAt = new Date('2026-01-01T04:30:00Z'); // 2025-12-31 23:30 in New York: 2025
    let status = 'paid';
    if (roll > 0.97) {
      status = ['failed', 'requested', 'rejected'][n % 3] as string;
      paidAt = null;
    }
    // Paid on Dec 20, 2025 and reversed in 2026 (2025's payments are otherwise never reversed: same roll).
    if (n === 13) {
      paidAt = new Date('2025-12-20T17:00:00Z');
      status = 'paid';
    }
    const reversals: { stripeReversalId: string; amountCents: number; reason: string; at: Date }[] = [];
    const drawn = roll > 0.85 && roll <= 0.97;
    if (paidAt && (drawn || n === 13)) {
      // Reversed 20 to 90 days later (a December payment's reversal lands in the next year).
      const full = roll > 0.93;
      const reversed = full ? amountCents : Math.max(1, Math.floor(amountCents / 3));
      // Only drawn when the other transfers would draw it, so n = 13 changes no other transfer.
      const reversedAt = new Date(paidAt.getTime() + (drawn ? random.int(20, 90) : 20) * DAY);
      reversals.push({
        stripeReversalId: `trr_seed${n}`,
        amountCents: reversed,
        // Writer 3's reasons, like their memos (n % 50 === 3), are formulas to be neutralised.
        reason: w === 3 ? '=HYPERLINK("http://evil.example","Duplicate")' : 'Duplicate',
        at: reversedAt,
      });
      if (full) status = 'reversed';
    }
    const id = new Types.ObjectId();
    const when = paidAt ?? at;
    return {
      _id: id,
      ref: `TR-S${String(n).padStart(4, '0')}`,
      amountCents,
      status,
      requestedBy: { teamId, userId: 'UFIN0001' },
      requestedAt: when,
      requiredApprovals: 1,
      approvals: paidAt ? [{ userId: 'UFIN0002', at: when, audited: true }] : [],
      rejection: null,
      decidedAt: paidAt ? when : null,
      idempotencyKey: `transfer:${id}`,
      originKey: `transfer:${id}`,
      slackMessage: null,
      failure: status === 'failed' ? { code: 'balance_insufficient', message: 'Not enough' } : null,
      updatedAt: when,
      currency: 'usd',
      writerId: writer._id.toString(),
      writerSlackUserId: writer.slackUserId,
      destination: writer.stripeAccountId,
      memo: n % 50 === 3 ? '@SUM(A1:A9) answers' : `Answers batch ${n}`,
      transferGroup: id.toString(),
      attempt: 1,
      stripeTransferId: paidAt ? `tr_seed${n}` : null,
      paidAt,
      writerNotified: true,
      amountReversedCents: reversals.reduce((sum, r) => sum + r.amountCents, 0),
      reversals: reversals.map((r) => ({ ...r, requestedBy: null, approvedBy: null })),
      reversalRequest: null,
      batchId: null,
      line: null,
    };
  });
  await models.transfers.insertMany(transfers);
  return writers.map((w) => ({
    id: w._id.toString(),
    slackUserId: w.slackUserId,
    displayName: w.displayName,
    email: w.email,
    stripeAccountId: w.stripeAccountId,
    taxDetails: w.taxDetails as TaxDetails,
  }));
}

/** The year's sums per writer computed straight from the documents, independently of Paydesk's queries. */
export async function expectedSums(
  world: World,
): Promise<Map<string, { paid: number; reversed: number; net: number; lines: number }>> {
  const from = YEAR_START;
  const to = YEAR_START + YEAR_MS;
  const inYear = (date: Date | null | undefined) => !!date && date.getTime() >= from && date.getTime() < to;
  const sums = new Map<string, { paid: number; reversed: number; net: number; lines: number }>();
  for (const t of await world.app.db.models.transfers.find().lean()) {
    const row = sums.get(t.writerId) ?? { paid: 0, reversed: 0, net: 0, lines: 0 };
    if ((t.status === 'paid' || t.status === 'reversed') && inYear(t.paidAt)) {
      row.paid += t.amountCents;
      row.lines += 1;
    }
    for (const r of t.reversals) {
      if (!inYear(r.at)) continue;
      row.reversed += r.amountCents;
      row.lines += 1;
    }
    row.net = row.paid - row.reversed;
    if (row.lines > 0) sums.set(t.writerId, row);
  }
  return sums;
}
