import type { Connection } from 'mongoose';
import { auditEventModel } from './audit-event';
import { counterModel } from './counter';
import { leaseModel } from './lease';
import { stripeEventModel } from './stripe-event';

export function registerModels(connection: Connection) {
  return {
    auditEvents: auditEventModel(connection),
    counters: counterModel(connection),
    leases: leaseModel(connection),
    stripeEvents: stripeEventModel(connection),
  };
}

export type Models = ReturnType<typeof registerModels>;
