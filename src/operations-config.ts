import { z } from 'zod';

/**
 * The operator-facing variables (Prometheus metrics, the stuck-money alarm), parsed by config.ts.
 * Messages name what is wrong, never the value: the token is a secret.
 */

/** A bearer token for GET /metrics; short ones are refused, since the metrics say how much money moves. */
export const metricsTokenSchema = z
  .string()
  .trim()
  .optional()
  .transform((value, ctx) => {
    if (value === undefined || value === '') return undefined;
    if (value.length < 16 || /\s/.test(value)) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be at least 16 characters without spaces, e.g. the output of `openssl rand -hex 24`',
      });
      return z.NEVER;
    }
    return value;
  });

/** A port of its own for GET /metrics, for clusters that scrape inside their network. */
export const metricsPortSchema = z
  .string()
  .trim()
  .optional()
  .transform((value, ctx) => {
    if (value === undefined || value === '') return undefined;
    const port = Number(value);
    if (!/^\d+$/.test(value) || port < 1 || port > 65_535) {
      ctx.addIssue({ code: 'custom', message: 'must be a port number from 1 to 65535' });
      return z.NEVER;
    }
    return port;
  });

export const DEFAULT_STUCK_ALERT_MINUTES = 15;

/** Minutes a request may be sending to Stripe (or approved and not sent) before finance is alerted. */
export const stuckAlertMinutesSchema = z
  .string()
  .trim()
  .optional()
  .transform((value, ctx) => {
    if (value === undefined || value === '') return DEFAULT_STUCK_ALERT_MINUTES;
    const minutes = Number(value);
    if (!/^\d+$/.test(value) || minutes < 1 || minutes > 7 * 24 * 60) {
      ctx.addIssue({ code: 'custom', message: 'must be a whole number of minutes from 1 to 10080' });
      return z.NEVER;
    }
    return minutes;
  });

export type OperationsConfig = {
  /** GET /metrics on the app's port, behind this bearer token; no token, no route there. */
  metricsToken?: string;
  /** GET /metrics on a port of its own (the token, when set, is asked there too). */
  metricsPort?: number;
  stuckAlertMinutes: number;
};
