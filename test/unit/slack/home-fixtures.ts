import type { AuditEntry } from '../../../src/domain/audit/types';
import type { FinanceHome, WaitingForYou } from '../../../src/domain/home/finance-home';
import type { WriterHome } from '../../../src/domain/home/writer-home';
import type { Writer } from '../../../src/domain/onboarding/types';
import { AT } from './request-fixtures';

/** Home states as the views receive them; each test states only what matters to it. */
export const WRITER_DB_ID = '6b06cfc2cc0de2c38654fa99';

export function writer(overrides: Partial<Writer> = {}): Writer {
  return {
    id: WRITER_DB_ID,
    slackTeamId: 'T1',
    slackUserId: 'UWRITER01',
    email: 'w@example.com',
    displayName: 'Writer One',
    firstName: 'Writer',
    status: 'active',
    stripeAccountId: 'acct_1WRITER',
    capabilities: { transfers: 'active' },
    payoutsEnabled: true,
    requirementsDue: [],
    invitedBy: { teamId: 'T1', userId: 'UFIN0001' },
    invitedAt: AT,
    connectedAt: AT,
    statusChangedAt: AT,
    accountGeneration: 0,
    rev: 1,
    updatedAt: AT,
    ...overrides,
  };
}

export function waiting(overrides: Partial<WaitingForYou> = {}): WaitingForYou {
  return {
    kind: 'topup',
    id: '6b06cfc2cc0de2c38654fa01',
    ref: 'TU-0007',
    amountCents: 200_000,
    requestedBy: 'UFIN0001',
    requestedAt: AT,
    payee: null,
    note: 'Weekly top-up',
    requiredApprovals: 1,
    approvedBy: [],
    expiryFrom: AT,
    slackMessage: { channel: 'CFINANCE1', ts: '1.000100' },
    expiresAt: new Date('2026-12-07T15:42:00Z'),
    ...overrides,
  };
}

export function auditEntry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    seq: 1,
    at: AT,
    actor: { kind: 'slack', teamId: 'T1', userId: 'UFIN0002' },
    action: 'topup.approved',
    subject: { type: 'topup', id: 'TU-0007' },
    details: { requestId: '6b06cfc2cc0de2c38654fa01', amountCents: 200_000 },
    prevHash: '0'.repeat(64),
    hash: '1'.repeat(64),
    ...overrides,
  };
}

export function financeHome(overrides: Partial<FinanceHome> = {}): FinanceHome {
  return {
    kind: 'finance',
    viewer: 'UFIN0002',
    now: AT,
    balance: { availableCents: 15_000, pendingCents: 200_000, byCurrency: [] },
    inFlight: [],
    waitingForYou: [],
    ownRequests: [],
    writers: [],
    activity: [],
    writerUsers: new Map([[WRITER_DB_ID, 'UWRITER01']]),
    ...overrides,
  };
}

export function writerHome(overrides: Partial<WriterHome> = {}): WriterHome {
  return {
    kind: 'writer',
    viewer: 'UWRITER01',
    now: AT,
    writer: writer(),
    needs: [],
    payments: [],
    yearToDate: { year: 2026, paidCents: 0, reversedCents: 0, netCents: 0 },
    lastYear: null,
    ...overrides,
  };
}
