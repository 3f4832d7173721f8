import { isDeepStrictEqual } from 'node:util';
import type { FormParams } from '../api/params';

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
  response: StoredResponse | null;
}

export type IdempotencyCheck =
  | { outcome: 'new' }
  | { outcome: 'in_flight' }
  | { outcome: 'different_endpoint' }
  | { outcome: 'different_params' }
  | { outcome: 'replay'; response: StoredResponse };

/**
 * Stripe's idempotency: per account (API key + Stripe-Account), a key is bound to the first request's endpoint
 * and parameters. 4xx answers are stored and replayed like successes; 5xx answers are not stored, so a retry
 * runs the request again. Keys are kept for the simulator's lifetime (Stripe keeps them 24 hours).
 */
export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();
  private readonly keysInOrder = new Set<string>();

  begin(scope: string, key: string, method: string, path: string, params: FormParams): IdempotencyCheck {
    this.keysInOrder.add(key);
    const entryKey = `${scope}\u0000${key}`;
    const entry = this.entries.get(entryKey);
    if (!entry) {
      this.entries.set(entryKey, { method, path, params, response: null });
      return { outcome: 'new' };
    }
    if (entry.method !== method || entry.path !== path) return { outcome: 'different_endpoint' };
    if (!isDeepStrictEqual(entry.params, params)) return { outcome: 'different_params' };
    if (!entry.response) return { outcome: 'in_flight' };
    return { outcome: 'replay', response: entry.response };
  }

  complete(scope: string, key: string, response: StoredResponse): void {
    const entry = this.entries.get(`${scope}\u0000${key}`);
    if (!entry) return;
    if (response.status >= 500) this.entries.delete(`${scope}\u0000${key}`);
    else entry.response = response;
  }

  keysSeen(): string[] {
    return [...this.keysInOrder];
  }
}
