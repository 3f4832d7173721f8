import type { Connection } from 'mongoose';
import { alarmModel } from './alarm';
import { auditEventModel } from './audit-event';
import { counterModel } from './counter';
import { dailyTotalModel } from './daily-total';
import { leaseModel } from './lease';
import { onboardingTokenModel } from './onboarding-token';
import { payoutRunModel } from './payout-run';
import { payoutRunDraftModel } from './payout-run-draft';
import { requestReminderModel } from './request-reminder';
import { slackOutboxModel } from './slack-outbox';
import { slackRequestModel } from './slack-request';
import { stripeAccountModel } from './stripe-account';
import { stripeEventModel } from './stripe-event';
import { stripePaceModel } from './stripe-pace';
import { taxAlertModel } from './tax-alert';
import { topupModel } from './topup';
import { transferModel } from './transfer';
import { writerModel } from './writer';
import { writerTransitionModel } from './writer-transition';

export function registerModels(connection: Connection) {
  return {
    alarms: alarmModel(connection),
    auditEvents: auditEventModel(connection),
    counters: counterModel(connection),
    dailyTotals: dailyTotalModel(connection),
    leases: leaseModel(connection),
    onboardingTokens: onboardingTokenModel(connection),
    payoutRuns: payoutRunModel(connection),
    payoutRunDrafts: payoutRunDraftModel(connection),
    requestReminders: requestReminderModel(connection),
    slackOutbox: slackOutboxModel(connection),
    slackRequests: slackRequestModel(connection),
    stripeAccounts: stripeAccountModel(connection),
    stripeEvents: stripeEventModel(connection),
    stripePace: stripePaceModel(connection),
    taxAlerts: taxAlertModel(connection),
    topups: topupModel(connection),
    transfers: transferModel(connection),
    writers: writerModel(connection),
    writerTransitions: writerTransitionModel(connection),
  };
}

export type Models = ReturnType<typeof registerModels>;
