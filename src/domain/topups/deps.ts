import type { Logger } from '../../logger';
import type { AuditLog } from '../audit/audit-log';
import type { CrashSwitch } from '../crash-points';
import type { StripeGateway } from '../ports/stripe-gateway';
import type { ApproverDirectory } from '../requests/ports';
import type { TopupNotifier } from './notifier';
import type { TopupsStore } from './ports';

export type TopupDeps = {
  topups: TopupsStore;
  stripe: StripeGateway;
  audit: AuditLog;
  approvers: ApproverDirectory;
  notifier: TopupNotifier;
  clock: () => Date;
  crash: CrashSwitch;
  /** The longest a live Stripe call (timeouts and stripe-node's retries) can take; the reconciler waits this long. */
  submissionTimeoutMs: number;
  logger: Logger;
  policy: { maxTopupCents: number; dualApprovalAboveCents: number; requestExpiryDays: number };
  /** Runs Slack work after the current answer (webhook 200, Slack ack) has gone out. */
  defer: (name: string, task: () => Promise<unknown>) => void;
};
