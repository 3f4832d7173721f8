import type { DailyTotalsRepository } from '../../db/repositories/daily-totals';
import type { TopupsRepository } from '../../db/repositories/topups';
import type { TransfersRepository } from '../../db/repositories/transfers';
import type { Logger } from '../../logger';
import type { StripeGateway } from '../../stripe/gateway';
import type { AuditLog } from '../audit/audit-log';
import type { CrashSwitch } from '../crash-points';
import type { WritersStore } from '../onboarding/types';
import type { TransferNotifier } from './notifier';

export type TransferDeps = {
  transfers: TransfersRepository;
  dailyTotals: DailyTotalsRepository;
  topups: Pick<TopupsRepository, 'inFlight'>;
  writers: Pick<WritersStore, 'findById' | 'findBySlackUser'>;
  stripe: StripeGateway;
  audit: AuditLog;
  notifier: TransferNotifier;
  clock: () => Date;
  crash: CrashSwitch;
  logger: Logger;
  policy: {
    maxTransferCents: number;
    dualApprovalAboveCents: number;
    dailyTransferCapCents: number;
    requestExpiryDays: number;
  };
  defer: (name: string, task: () => Promise<unknown>) => void;
};
