import { isDeepStrictEqual } from 'node:util';
import type { FormParams } from '../api/params';

/** Stripe prunes a key once it is at least 24 hours old; a request with it after that is a new request. */
export const IDEMPOTENCY_KEY_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** A finished request's answer, kept so a retry with the same key gets exactly the same answer. */
export interface StoredResponse {
  status: number;
  body: unknown;
  requestId: string;
}

interface Entry {
  method: string;
  path: string;
  params: FormParams;
  /** When the key was first used, on the simulator's clock. */
  firstUsedAt: number;
  response: StoredResponse | null;
}

export type IdempotencyCheck =
  | { outcome: 'new' }
  | { outcome: 'in_flight' }
  | { outcome: 'different_endpoint' }
  | { outcome: 'different_params' }
  | { outcome: 'replay'; response: StoredResponse };

/**
 * Stripe's idempotency (API v1), per account (API key + Stripe-Account):
 * - A key is bound to its first request's method, path and parameters; reusing it for another endpoint or
 *   other parameters is a 400 `idempotency_error`, and while that first request still runs, a request with
 *   the key is a 409 `idempotency_key_in_use`. Neither answer is stored.
 * - Once the endpoint began executing, its answer is stored whatever it was (200, 4xx, and 500 too) and
 *   replayed for every retry with the key. What is answered before execution begins (authentication, rate
 *   limit, unknown URL, request validation, a request lost on the way) is not stored: the pipeline
 *   `release`s the key, and a retry runs afresh.
 * - A key is remembered for 24 hours of the simulator's clock from its first use, then forgotten: a request
 *   with it creates a new object. A key whose first request is still running is not forgotten.
 */
export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();
  private readonly keysInOrder = new Set<string>();

  constructor(private readonly now: () => Date) {}

  begin(scope: string, key: string, method: string, path: string, params: FormParams): IdempotencyCheck {
    this.keysInOrder.add(key);
    const entryKey = entryKeyOf(scope, key);
    const entry = this.entries.get(entryKey);
    const now = this.now().getTime();
    if (!entry || this.expired(entry, now)) {
      this.entries.set(entryKey, { method, path, params, firstUsedAt: now, response: null });
      return { outcome: 'new' };
    }
    if (entry.method !== method || entry.path !== path) return { outcome: 'different_endpoint' };
    if (!isDeepStrictEqual(entry.params, params)) return { outcome: 'different_params' };
    if (!entry.response) return { outcome: 'in_flight' };
    return { outcome: 'replay', response: entry.response };
  }

  /** The endpoint ran (or began to and failed): its answer is what every retry within 24 hours gets. */
  complete(scope: string, key: string, response: StoredResponse): void {
    const entry = this.entries.get(entryKeyOf(scope, key));
    if (entry) entry.response = response;
  }

  /** The request never began executing: forget the key, as if it had not been used. */
  release(scope: string, key: string): void {
    this.entries.delete(entryKeyOf(scope, key));
  }

  keysSeen(): string[] {
    return [...this.keysInOrder];
  }

  private expired(entry: Entry, now: number): boolean {
    return entry.response !== null && now - entry.firstUsedAt >= IDEMPOTENCY_KEY_LIFETIME_MS;
  }
}

function entryKeyOf(scope: string, key: string): string {
  return `${scope}\u0000${key}`;
}
