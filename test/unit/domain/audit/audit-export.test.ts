import { parse } from 'csv-parse/sync';
import type { AuditNames } from '../../../../src/domain/audit/audit-names';
import { auditCsv } from '../../../../src/domain/audit/export-csv';
import type { AuditEntry } from '../../../../src/domain/audit/types';
import { viewerZone, zonedTime } from '../../../../src/domain/local-time';
import { activityLine } from '../../../../src/slack/views/activity-words';
import { auditLatestMessage } from '../../../../src/slack/views/audit';

const AT = new Date('2026-11-30T15:15:00.000Z');
const REQUEST_ID = '6b06cfc2cc0de2c38654fa01';
const WRITER_ID = '6b06cfc2cc0de2c38654fa99';

function entry(seq: number, overrides: Partial<AuditEntry>): AuditEntry {
  return {
    seq,
    at: AT,
    actor: { kind: 'slack', teamId: 'T1', userId: 'UFIN0001' },
    action: 'topup.requested',
    subject: { type: 'topup', id: 'TU-0007' },
    details: {},
    prevHash: '0'.repeat(64),
    hash: String(seq).repeat(64).slice(0, 64),
    ...overrides,
  };
}

const ENTRIES: AuditEntry[] = [
  entry(1, {
    details: {
      requestId: REQUEST_ID,
      amountCents: 200_000,
      description: '=HYPERLINK("x")',
      requiredApprovals: 1,
    },
  }),
  entry(2, {
    actor: { kind: 'slack', teamId: 'T1', userId: 'UFIN0002' },
    action: 'topup.approved',
    details: { requestId: REQUEST_ID, amountCents: 200_000, approvals: 1, requiredApprovals: 1 },
  }),
  entry(3, {
    actor: { kind: 'stripe', eventId: 'evt_123' },
    action: 'topup.failed',
    details: {
      requestId: REQUEST_ID,
      amountCents: 200_000,
      stripeTopupId: 'tu_1',
      code: 'insufficient_funds',
    },
  }),
  entry(4, {
    action: 'transfer.requested',
    subject: { type: 'transfer', id: 'TR-0003' },
    details: {
      requestId: REQUEST_ID,
      amountCents: 900,
      writerId: WRITER_ID,
      destination: 'acct_9',
      memo: 'May',
    },
  }),
  entry(5, {
    actor: { kind: 'slack', teamId: 'T1', userId: 'UFIN0002' },
    action: 'transfer.reversed',
    subject: { type: 'transfer', id: 'TR-0003' },
    details: {
      requestId: REQUEST_ID,
      amountCents: 450,
      stripeReversalId: 'trr_1',
      totalReversedCents: 450,
      requestedBy: 'UFIN0001',
      approvedBy: 'UFIN0002',
    },
  }),
  entry(6, {
    actor: { kind: 'slack', teamId: 'T1', userId: 'UWRITER01' },
    action: 'writer.connected',
    subject: { type: 'writer', id: WRITER_ID },
    details: { stripeAccountId: 'acct_9', from: 'onboarding', to: 'active' },
  }),
  entry(7, {
    actor: { kind: 'system', process: 'reconciler' },
    action: 'transfer.expired',
    subject: { type: 'transfer', id: 'TR-0004' },
    details: { requestId: REQUEST_ID, amountCents: 100 },
  }),
];

const PEOPLE: Record<string, string> = { UFIN0001: 'Fin One', UFIN0002: 'Fin Two', UWRITER01: 'Writer One' };
const NAMES: AuditNames = {
  person: (userId) => PEOPLE[userId] ?? userId,
  writerOf: (audited) =>
    audited.subject.type === 'writer' || audited.subject.id === 'TR-0003'
      ? { name: 'Writer One', slackUserId: 'UWRITER01' }
      : undefined,
};

describe('the audit CSV', () => {
  const rows = parse(auditCsv(ENTRIES, { names: NAMES, timeZone: 'America/New_York' }), {
    columns: true,
  }) as Record<string, string>[];

  it('has readable columns instead of the details as JSON, and keeps the chain columns', () => {
    expect(Object.keys(rows[0] ?? {})).toEqual([
      'seq',
      'time',
      'at_utc',
      'who',
      'who_slack_id',
      'what',
      'action',
      'reference',
      'writer',
      'amount_usd',
      'stripe_id',
      'reason',
      'note',
      'more',
      'hash',
    ]);
    expect(rows.map((row) => row.hash)).toEqual(ENTRIES.map((audited) => audited.hash));
    expect(rows[0]?.at_utc).toBe(AT.toISOString());
  });

  it("shows times in the reader's zone, with the zone named", () => {
    expect(rows[0]?.time).toBe('Nov 30, 2026 10:15 AM EST');
    const pacific = parse(auditCsv(ENTRIES, { names: NAMES, timeZone: 'America/Los_Angeles' }), {
      columns: true,
    }) as Record<string, string>[];
    expect(pacific[0]?.time).toBe('Nov 30, 2026 7:15 AM PST');
  });

  it('names people and writers, never a database id', () => {
    const csv = auditCsv(ENTRIES, { names: NAMES, timeZone: 'UTC' });
    expect(csv).not.toContain(REQUEST_ID);
    expect(csv).not.toContain(WRITER_ID);
    expect(rows.map((row) => row.who)).toEqual([
      'Fin One',
      'Fin Two',
      'Stripe (event evt_123)',
      'Fin One',
      'Fin Two',
      'Writer One',
      'Paydesk (reconciler)',
    ]);
    expect(rows[1]?.what).toBe('Fin Two approved top-up TU-0007');
    expect(rows[3]).toMatchObject({
      what: 'Fin One requested transfer TR-0003 to Writer One',
      reference: 'TR-0003',
      writer: 'Writer One',
      amount_usd: '9.00',
      note: 'May',
      more: 'destination: acct_9',
    });
    expect(rows[4]).toMatchObject({
      writer: 'Writer One',
      amount_usd: '4.50',
      stripe_id: 'trr_1',
      more: 'total reversed: $4.50; requested by: Fin One; approved by: Fin Two',
    });
    expect(rows[5]).toMatchObject({
      what: 'Writer One connected their Stripe account',
      reference: '',
      writer: 'Writer One',
      stripe_id: 'acct_9',
      more: 'from: onboarding; to: active',
    });
    expect(rows[6]?.what).toBe('Transfer TR-0004 expired without a decision');
  });

  it("puts Stripe's error in the reason column and neutralises what people typed", () => {
    expect(rows[2]).toMatchObject({ stripe_id: 'tu_1', reason: 'insufficient_funds', amount_usd: '2000.00' });
    expect(rows[0]?.note).toBe('\'=HYPERLINK("x")');
  });
});

describe('one table of words for the audit trail and App Home', () => {
  it('words each action the same way in /payouts audit and in App Home', () => {
    const latest = auditLatestMessage(ENTRIES, NAMES).text.split('\n').slice(1);
    const writers = new Map([[WRITER_ID, 'UWRITER01']]);
    for (const [i, audited] of ENTRIES.entries()) {
      // App Home knows a transfer's writer only when the entry names them (it reads no transfers).
      if (audited.action === 'transfer.reversed') continue;
      const home = activityLine(audited, writers);
      const sentence = home.slice(0, home.lastIndexOf(' · <!date^'));
      expect(latest[i]).toContain(sentence);
    }
    expect(latest[1]).toMatch(/^`#2` <!date\^\d+\^.*> · <@UFIN0002> approved top-up TU-0007 · \$2,000\.00$/);
    expect(latest[5]).toContain('<@UWRITER01> connected their Stripe account');
    expect(latest.join('\n')).not.toContain(WRITER_ID);
    expect(latest.join('\n')).not.toMatch(/stripe:evt|system:|topup\.approved/);
  });
});

describe('time zones', () => {
  it("uses Slack's zone and label for the viewer, the reporting zone when Slack has none", () => {
    expect(
      viewerZone({ timeZone: 'America/Chicago', timeZoneLabel: 'Central Standard Time' }, 'UTC', AT),
    ).toEqual({ timeZone: 'America/Chicago', label: 'Central Standard Time' });
    expect(viewerZone(undefined, 'America/New_York', AT)).toEqual({
      timeZone: 'America/New_York',
      label: 'Eastern Standard Time',
    });
    expect(viewerZone({ timeZone: 'Mars/Olympus', timeZoneLabel: null }, 'UTC', AT).timeZone).toBe('UTC');
    expect(zonedTime(new Date('2026-07-01T16:00:00Z'), 'America/New_York')).toBe('Jul 1, 2026 12:00 PM EDT');
  });
});
