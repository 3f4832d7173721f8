import Stripe from 'stripe';

/** The API version every request is pinned to, so a Dashboard upgrade cannot change shapes under us. */
export const STRIPE_API_VERSION = '2026-10-28.endive' as const;

export type StripeClientOptions = {
  secretKey: string;
  /** e.g. http://127.0.0.1:12111 — moves every call, OAuth included, to a simulator or stripe-mock. */
  apiBase?: string;
  timeoutMs?: number;
  maxNetworkRetries?: number;
};

export function createStripeClient(options: StripeClientOptions): Stripe {
  const base = options.apiBase ? new URL(options.apiBase) : undefined;
  return new Stripe(options.secretKey, {
    apiVersion: STRIPE_API_VERSION,
    // stripe-node retries 409/429/5xx and connection errors itself, reusing the idempotency key.
    maxNetworkRetries: options.maxNetworkRetries ?? 2,
    timeout: options.timeoutMs ?? 20_000,
    telemetry: false,
    appInfo: { name: 'Paydesk' },
    ...(base
      ? {
          host: base.hostname,
          port: Number(base.port || (base.protocol === 'https:' ? 443 : 80)),
          protocol: base.protocol === 'https:' ? 'https' : 'http',
        }
      : {}),
  });
}
