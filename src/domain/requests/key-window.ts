import type { StripeFailureKind } from '../ports/stripe-gateway';

/**
 * Stripe remembers an idempotency key for 24 hours, then forgets it: the same key afterwards
 * creates a second object. So a call re-sent with a stored key is only safe inside that window;
 * past it (less a margin for clock skew and slow calls) Paydesk first asks Stripe whether the
 * object exists, and creates it only when Stripe has none. One rule for every money movement.
 */
export const STRIPE_KEY_WINDOW_MS = 24 * 60 * 60 * 1000;
export const KEY_WINDOW_MARGIN_MS = 60 * 60 * 1000;

export function keyMayBeForgotten(firstUsedAt: Date, now: Date): boolean {
  return now.getTime() - firstUsedAt.getTime() >= STRIPE_KEY_WINDOW_MS - KEY_WINDOW_MARGIN_MS;
}

/** `topup:abc` → `topup:abc~2` → `topup:abc~3`: a new key for the same money movement. */
export function renewedKey(key: string): string {
  const match = /~(\d+)$/.exec(key);
  if (!match) return `${key}~2`;
  return `${key.slice(0, match.index)}~${Number(match[1]) + 1}`;
}

export type KeyedCall<O> = {
  key: string;
  /** When the stored key was first sent (or issued, for a renewed key). */
  firstUsedAt: Date;
  now: Date;
  /** Finds the object at Stripe by what Paydesk stored with it (metadata, transfer_group). */
  lookUp(): Promise<O | undefined>;
  create(key: string): Promise<O>;
  classifyError(error: unknown): StripeFailureKind;
  /**
   * Stores `next` in place of `key` (compare-and-set) before it is sent; false when another
   * process renewed it first (that process sends it).
   */
  renewKey(next: string): Promise<boolean>;
  /** A key used for other parameters is a bug in Paydesk, not an unknown outcome. */
  onKeyMisuse(failure: StripeFailureKind): void;
};

/**
 * Sends a money call with its stored key and answers the object and the key it was sent with:
 * - past the key window, look the object up first and create it only when Stripe has none;
 * - Stripe replayed a stored 5xx for the key: the first request finished without an answer
 *   saying what it did, and the same key will only get that 5xx again for 24 hours. Look the
 *   object up; when Stripe has none, store a new key and create it with that;
 * - `idempotency_error` (the key was used with other parameters): look the object up, and
 *   otherwise let the refusal stand (it is reported as a bug, never retried blindly).
 * Any other failure is thrown for the caller to classify.
 */
export async function sendWithStoredKey<O>(call: KeyedCall<O>): Promise<{ answer: O; key: string }> {
  if (keyMayBeForgotten(call.firstUsedAt, call.now)) {
    const found = await call.lookUp();
    if (found) return { answer: found, key: call.key };
  }
  try {
    return { answer: await call.create(call.key), key: call.key };
  } catch (error) {
    const failure = call.classifyError(error);
    const replayed = failure.kind === 'unknown' && failure.replayedError === true;
    const misuse = failure.kind === 'definitive' && failure.code === 'idempotency_error';
    if (!replayed && !misuse) throw error;
    if (misuse) call.onKeyMisuse(failure);
    const found = await call.lookUp();
    if (found) return { answer: found, key: call.key };
    if (misuse) throw error;
    const next = renewedKey(call.key);
    if (!(await call.renewKey(next))) throw error;
    return { answer: await call.create(next), key: next };
  }
}
