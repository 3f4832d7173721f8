import type { Connection } from 'mongoose';
import { auditEventModel } from './audit-event';
import { counterModel } from './counter';
import { leaseModel } from './lease';
import { stripeEventModel } from './stripe-event';
import { topupModel } from './topup';

export function registerModels(connection: Connection) {
  return {
    auditEvents: auditEventModel(connection),
    counters: counterModel(connection),
    leases: leaseModel(connection),
    stripeEvents: stripeEventModel(connection),
    topups: topupModel(connection),
  };
}

export type Models = ReturnType<typeof registerModels>;
