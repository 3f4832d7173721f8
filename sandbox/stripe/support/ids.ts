import { randomBytes } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
// The largest multiple of 62 below 256: bytes at or above it are skipped so every character is equally likely.
const UNBIASED_BYTE_LIMIT = 248;

/** Prefixes of the Stripe object ids the simulator hands out. */
export type StripeIdPrefix =
  | 'acct'
  | 'evt'
  | 'tu'
  | 'tr'
  | 'trr'
  | 'txn'
  | 'py'
  | 'pyr'
  | 'req'
  | 'ca'
  | 'ac'
  | 'rt';

export function randomAlphanumeric(length: number): string {
  let result = '';
  while (result.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < UNBIASED_BYTE_LIMIT && result.length < length)
        result += ALPHANUMERIC[byte % ALPHANUMERIC.length];
    }
  }
  return result;
}

/** An id shaped like Stripe's: prefix, underscore, 24 alphanumerics. */
export function stripeId(prefix: StripeIdPrefix): string {
  return `${prefix}_${randomAlphanumeric(24)}`;
}
