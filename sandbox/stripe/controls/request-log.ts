import type { FormParams } from '../api/params';
import type { FaultKind } from './fault-injector';

export interface RequestLogEntry {
  at: Date;
  requestId: string;
  method: string;
  path: string;
  params: FormParams;
  idempotencyKey: string | null;
  stripeAccount: string | null;
  /** Null while the request is still running, and for a hang that ended without an answer. */
  status: number | null;
  replayed: boolean;
  fault: FaultKind | null;
}

export interface RequestFilter {
  method?: string;
  path?: string | RegExp;
  status?: number;
  idempotencyKey?: string;
  stripeAccount?: string;
  replayed?: boolean;
}

export type RequestMatcher = RequestFilter | ((entry: RequestLogEntry) => boolean);

/** Every request the simulator received, in arrival order, for assertions like "Stripe was called once". */
export class RequestLog {
  private readonly entries: RequestLogEntry[] = [];

  add(entry: RequestLogEntry): RequestLogEntry {
    this.entries.push(entry);
    return entry;
  }

  all(): RequestLogEntry[] {
    return this.entries.map((entry) => ({ ...entry }));
  }

  count(matcher: RequestMatcher = {}): number {
    const test = typeof matcher === 'function' ? matcher : filterToPredicate(matcher);
    return this.entries.filter(test).length;
  }
}

function filterToPredicate(filter: RequestFilter): (entry: RequestLogEntry) => boolean {
  return (entry) =>
    (filter.method === undefined || entry.method === filter.method.toUpperCase()) &&
    (filter.path === undefined ||
      (typeof filter.path === 'string'
        ? entry.path === filter.path
        : new RegExp(filter.path.source, filter.path.flags.replace(/[gy]/g, '')).test(entry.path))) &&
    (filter.status === undefined || entry.status === filter.status) &&
    (filter.idempotencyKey === undefined || entry.idempotencyKey === filter.idempotencyKey) &&
    (filter.stripeAccount === undefined || entry.stripeAccount === filter.stripeAccount) &&
    (filter.replayed === undefined || entry.replayed === filter.replayed);
}
