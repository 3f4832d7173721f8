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

/** Sends a money call with its stored key, looking the object up first when Stripe may have forgotten the key. */
export async function sendWithStoredKey<O>(input: {
  firstUsedAt: Date;
  now: Date;
  lookUp: () => Promise<O | undefined>;
  create: () => Promise<O>;
}): Promise<O> {
  if (keyMayBeForgotten(input.firstUsedAt, input.now)) {
    const found = await input.lookUp();
    if (found) return found;
  }
  return input.create();
}
