import type { Connection } from 'mongoose';
import { auditEventModel } from './audit-event';
import { counterModel } from './counter';
import { dailyTotalModel } from './daily-total';
import { leaseModel } from './lease';
import { onboardingTokenModel } from './onboarding-token';
import { payoutRunModel } from './payout-run';
import { slackRequestModel } from './slack-request';
import { stripeAccountModel } from './stripe-account';
import { stripeEventModel } from './stripe-event';
import { topupModel } from './topup';
import { transferModel } from './transfer';
import { writerModel } from './writer';
import { writerTransitionModel } from './writer-transition';

export function registerModels(connection: Connection) {
  return {
    auditEvents: auditEventModel(connection),
    counters: counterModel(connection),
    dailyTotals: dailyTotalModel(connection),
    leases: leaseModel(connection),
    onboardingTokens: onboardingTokenModel(connection),
    payoutRuns: payoutRunModel(connection),
    slackRequests: slackRequestModel(connection),
    stripeAccounts: stripeAccountModel(connection),
    stripeEvents: stripeEventModel(connection),
    topups: topupModel(connection),
    transfers: transferModel(connection),
    writers: writerModel(connection),
    writerTransitions: writerTransitionModel(connection),
  };
}

export type Models = ReturnType<typeof registerModels>;
