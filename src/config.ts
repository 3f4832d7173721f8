import { z } from 'zod';
import {
  metricsPortSchema,
  metricsTokenSchema,
  type OperationsConfig,
  stuckAlertMinutesSchema,
} from './operations-config';
import { reportingTimeZoneSchema, taxThresholdsSchema } from './reporting-config';

/**
 * The only reader of process.env. Everything the app needs is parsed here once, at start-up,
 * so a bad deployment fails before it can touch money. Error messages name variables and
 * what is wrong with them, never their values: half of these are secrets.
 */

const CRASH_POINTS = [
  'after-approval',
  'after-stripe-before-save',
  'mid-webhook',
  'after-webhook-answered',
] as const;
export type CrashPoint = (typeof CRASH_POINTS)[number];

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const cents = (fallback: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === '') return fallback;
      if (!/^\d+$/.test(value)) {
        ctx.addIssue({
          code: 'custom',
          message: 'must be a whole number of cents, like 1000000 for $10,000.00',
        });
        return z.NEVER;
      }
      const parsed = Number(value);
      if (!Number.isSafeInteger(parsed) || parsed <= 0) {
        ctx.addIssue({ code: 'custom', message: 'must be a positive whole number of cents' });
        return z.NEVER;
      }
      return parsed;
    });

const positiveInt = (fallback: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === '') return fallback;
      if (!/^\d+$/.test(value) || Number(value) <= 0) {
        ctx.addIssue({ code: 'custom', message: 'must be a positive whole number' });
        return z.NEVER;
      }
      return Number(value);
    });

const slackIdList = z
  .string()
  .trim()
  .optional()
  .transform((value, ctx) => {
    const ids = (value ?? '')
      .split(/[\s,]+/)
      .map((id) => id.trim())
      .filter((id) => id !== '');
    for (const id of ids) {
      if (!/^[UW][A-Z0-9]{2,}$/.test(id)) {
        ctx.addIssue({
          code: 'custom',
          message: 'must be a comma-separated list of Slack user ids like U0123ABC',
        });
        return z.NEVER;
      }
    }
    return ids;
  });

const httpUrl = z
  .string()
  .trim()
  .refine((value) => /^https?:\/\/[^\s]+$/.test(value), { message: 'must be an http(s) URL' })
  .transform((value) => value.replace(/\/+$/, ''));

const envSchema = z
  .object({
    SLACK_BOT_TOKEN: z
      .string({ error: 'is required' })
      .trim()
      .regex(/^xox[bp]-/, { message: 'must be a bot token starting with xoxb-' }),
    SLACK_SIGNING_SECRET: z
      .string({ error: 'is required' })
      .trim()
      .min(8, { message: 'must be the signing secret from the Slack app settings' }),
    SLACK_API_URL: httpUrl.transform((value) => `${value}/`).optional(),
    SLACK_BOT_USER_ID: optionalString,
    SLACK_TEAM_ID: optionalString,
    STRIPE_SECRET_KEY: z
      .string({ error: 'is required' })
      .trim()
      .regex(/^(sk|rk)_(test|live)_[A-Za-z0-9]+$/, {
        message: 'must be a Stripe secret key (sk_test_… or sk_live_…)',
      }),
    STRIPE_CLIENT_ID: optionalString.pipe(
      z
        .string()
        .regex(/^ca_[A-Za-z0-9]+$/, { message: 'must be a Connect client id starting with ca_' })
        .optional(),
    ),
    STRIPE_WEBHOOK_SECRET: z
      .string({ error: 'is required' })
      .trim()
      .regex(/^whsec_/, { message: 'must be a webhook signing secret starting with whsec_' }),
    STRIPE_CONNECT_WEBHOOK_SECRET: z
      .string({ error: 'is required' })
      .trim()
      .regex(/^whsec_/, { message: 'must be a webhook signing secret starting with whsec_' }),
    STRIPE_API_BASE: httpUrl.optional(),
    STRIPE_RATE_LIMIT_PER_SECOND: positiveInt(20),
    ONBOARDING_MODE: z
      .enum(['account_links', 'oauth'], { error: "must be 'account_links' or 'oauth'" })
      .default('account_links'),
    MONGODB_URI: optionalString.pipe(
      z
        .string()
        .regex(/^mongodb(\+srv)?:\/\//, { message: 'must be a mongodb:// or mongodb+srv:// URI' })
        .optional(),
    ),
    // Longer than a replica-set election (~12 s), so work behind an ack waits for the new primary.
    MONGODB_SERVER_SELECTION_TIMEOUT_MS: z
      .string()
      .trim()
      .optional()
      .transform((value, ctx) => {
        if (value === undefined || value === '') return 15_000;
        const parsed = Number(value);
        if (!/^\d+$/.test(value) || parsed < 1000 || parsed > 120_000) {
          ctx.addIssue({
            code: 'custom',
            message: 'must be a whole number of milliseconds from 1000 to 120000',
          });
          return z.NEVER;
        }
        return parsed;
      }),
    PUBLIC_URL: httpUrl,
    PORT: positiveInt(3000),
    FINANCE_CHANNEL_ID: z
      .string({ error: 'is required' })
      .trim()
      .regex(/^[CG][A-Z0-9]{2,}$/, { message: 'must be a Slack channel id like C0123ABC' }),
    FINANCE_USER_IDS: slackIdList,
    FINANCE_USERGROUP_ID: optionalString.pipe(
      z
        .string()
        .regex(/^S[A-Z0-9]{2,}$/, { message: 'must be a Slack user group id like S0123ABC' })
        .optional(),
    ),
    DUAL_APPROVAL_ABOVE_CENTS: cents(1_000_000),
    MAX_TOPUP_CENTS: cents(10_000_000),
    MAX_TRANSFER_CENTS: cents(500_000),
    DAILY_TRANSFER_CAP_CENTS: cents(2_000_000),
    REQUEST_EXPIRY_DAYS: positiveInt(7),
    REMIND_AFTER_BUSINESS_HOURS: positiveInt(4),
    RECONCILE_INTERVAL_SECONDS: z
      .string()
      .trim()
      .optional()
      .transform((value, ctx) => {
        if (value === undefined || value === '') return 30;
        if (!/^\d+$/.test(value)) {
          ctx.addIssue({
            code: 'custom',
            message: 'must be a whole number of seconds (0 turns the reconciler off)',
          });
          return z.NEVER;
        }
        return Number(value);
      }),
    STRIPE_TIMEOUT_MS: positiveInt(20_000),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    PAYDESK_CRASH_AT: optionalString.pipe(z.enum(CRASH_POINTS).optional()),
    // The audit chain's MAC key: its strength is the chain's, so short keys are refused.
    AUDIT_HMAC_KEY: optionalString.pipe(
      z
        .string()
        .refine((value) => Buffer.byteLength(value, 'utf8') >= 32, {
          message: 'must be at least 32 bytes, e.g. the output of `openssl rand -base64 48`',
        })
        .optional(),
    ),
    REPORTING_TIME_ZONE: reportingTimeZoneSchema,
    TAX_THRESHOLDS_CENTS: taxThresholdsSchema,
    METRICS_TOKEN: metricsTokenSchema,
    METRICS_PORT: metricsPortSchema,
    STUCK_ALERT_MINUTES: stuckAlertMinutesSchema,
    NODE_ENV: optionalString,
  })
  .superRefine((env, ctx) => {
    if (env.FINANCE_USER_IDS.length === 0 && env.FINANCE_USERGROUP_ID === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['FINANCE_USER_IDS'],
        message: 'set FINANCE_USER_IDS and/or FINANCE_USERGROUP_ID: nobody could request or approve payouts',
      });
    }
    if (env.ONBOARDING_MODE === 'oauth' && env.STRIPE_CLIENT_ID === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['STRIPE_CLIENT_ID'],
        message: 'is required when ONBOARDING_MODE is oauth',
      });
    }
    if (env.PAYDESK_CRASH_AT !== undefined && env.NODE_ENV === 'production') {
      ctx.addIssue({
        code: 'custom',
        path: ['PAYDESK_CRASH_AT'],
        message: 'is a test switch and is refused in production',
      });
    }
    if (env.AUDIT_HMAC_KEY === undefined && env.NODE_ENV === 'production') {
      ctx.addIssue({
        code: 'custom',
        path: ['AUDIT_HMAC_KEY'],
        message:
          'is required in production: it keys the audit trail, without it anyone with database access can rewrite it unnoticed (at least 32 bytes, e.g. `openssl rand -base64 48`; keep it out of the database)',
      });
    }
  });

export type Config = {
  slack: { botToken: string; signingSecret: string; apiUrl?: string; botUserId?: string; teamId?: string };
  stripe: {
    secretKey: string;
    clientId?: string;
    webhookSecret: string;
    connectWebhookSecret: string;
    apiBase?: string;
    /** Pace of a payout run's Stripe calls (requests per second). */
    rateLimitPerSecond: number;
  };
  onboardingMode: 'account_links' | 'oauth';
  mongodbUri?: string;
  /** How long a database operation waits for a primary (rides out a failover). */
  mongodbServerSelectionTimeoutMs: number;
  publicUrl: string;
  port: number;
  finance: { channelId: string; userIds: string[]; usergroupId?: string };
  policy: {
    dualApprovalAboveCents: number;
    maxTopupCents: number;
    maxTransferCents: number;
    dailyTransferCapCents: number;
    requestExpiryDays: number;
    /** Business hours a request waits before its approvers are first reminded (domain/reminders). */
    remindAfterBusinessHours: number;
  };
  /** 0 turns the reconciler off on this replica. */
  reconcileIntervalSeconds: number;
  stripeTimeoutMs: number;
  logLevel: string;
  crashAt?: CrashPoint;
  /** The audit chain's MAC key; optional outside production, where entries then get a plain hash. */
  audit: { hmacKey?: Buffer };
  /** Tax years are calendar years in `timeZone`; thresholds configured per year (domain/tax/thresholds.ts). */
  reporting: { timeZone: string; taxThresholdsCents: Record<number, number> };
  /** Prometheus metrics and the stuck-money alarm (src/operations-config.ts). */
  operations: OperationsConfig;
};

/** Names of every variable the app reads; the README's table is checked against this list. */
export const CONFIG_VARIABLES = Object.keys(envSchema.shape).filter((name) => name !== 'NODE_ENV');

export class ConfigError extends Error {
  readonly code = 'paydesk_config_invalid';
  constructor(readonly problems: string[]) {
    super(
      `Paydesk cannot start; fix these environment variables:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    // Issues carry a path and our own message; zod's default messages can echo the input, so
    // only messages written in this file are ever shown.
    const problems = result.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'environment');
      const present = env[name] !== undefined && env[name] !== '';
      const message =
        issue.code === 'custom' || issue.message.startsWith('must') || issue.message === 'is required'
          ? issue.message
          : present
            ? 'is not valid'
            : 'is required';
      return `${name} ${message}`;
    });
    throw new ConfigError([...new Set(problems)]);
  }
  const e = result.data;
  return {
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      apiUrl: e.SLACK_API_URL,
      botUserId: e.SLACK_BOT_USER_ID,
      teamId: e.SLACK_TEAM_ID,
    },
    stripe: {
      secretKey: e.STRIPE_SECRET_KEY,
      clientId: e.STRIPE_CLIENT_ID,
      webhookSecret: e.STRIPE_WEBHOOK_SECRET,
      connectWebhookSecret: e.STRIPE_CONNECT_WEBHOOK_SECRET,
      apiBase: e.STRIPE_API_BASE,
      rateLimitPerSecond: e.STRIPE_RATE_LIMIT_PER_SECOND,
    },
    onboardingMode: e.ONBOARDING_MODE,
    mongodbUri: e.MONGODB_URI,
    mongodbServerSelectionTimeoutMs: e.MONGODB_SERVER_SELECTION_TIMEOUT_MS,
    publicUrl: e.PUBLIC_URL,
    port: e.PORT,
    finance: {
      channelId: e.FINANCE_CHANNEL_ID,
      userIds: e.FINANCE_USER_IDS,
      usergroupId: e.FINANCE_USERGROUP_ID,
    },
    policy: {
      dualApprovalAboveCents: e.DUAL_APPROVAL_ABOVE_CENTS,
      maxTopupCents: e.MAX_TOPUP_CENTS,
      maxTransferCents: e.MAX_TRANSFER_CENTS,
      dailyTransferCapCents: e.DAILY_TRANSFER_CAP_CENTS,
      requestExpiryDays: e.REQUEST_EXPIRY_DAYS,
      remindAfterBusinessHours: e.REMIND_AFTER_BUSINESS_HOURS,
    },
    reconcileIntervalSeconds: e.RECONCILE_INTERVAL_SECONDS,
    stripeTimeoutMs: e.STRIPE_TIMEOUT_MS,
    logLevel: e.LOG_LEVEL,
    crashAt: e.PAYDESK_CRASH_AT,
    audit: { hmacKey: e.AUDIT_HMAC_KEY === undefined ? undefined : Buffer.from(e.AUDIT_HMAC_KEY, 'utf8') },
    reporting: { timeZone: e.REPORTING_TIME_ZONE, taxThresholdsCents: e.TAX_THRESHOLDS_CENTS },
    operations: {
      metricsToken: e.METRICS_TOKEN,
      metricsPort: e.METRICS_PORT,
      stuckAlertMinutes: e.STUCK_ALERT_MINUTES,
    },
  };
}
