import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Field names that can carry a secret anywhere in a log object. pino's redaction is path
 * based, so each name is listed at the top level and one or two levels down (wildcards).
 */
const SECRET_FIELDS = [
  'token',
  'botToken',
  'signingSecret',
  'secretKey',
  'webhookSecret',
  'connectWebhookSecret',
  'clientSecret',
  'access_token',
  'refresh_token',
  'code',
  'state',
  'authorization',
  'Authorization',
  'stripe-signature',
  'x-slack-signature',
  'password',
  'mongodbUri',
  'uri',
  'hmacKey',
  'AUDIT_HMAC_KEY',
];

export const REDACT_PATHS = SECRET_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]);

const SECRET_PATTERN = /\b(sk|rk)_(test|live)_[A-Za-z0-9]+|whsec_[A-Za-z0-9]+|xox[abposr]-[A-Za-z0-9-]+/g;

/** Masks anything shaped like a Stripe or Slack secret inside free text (error messages, URLs). */
export function scrubSecrets(text: string): string {
  return text.replace(SECRET_PATTERN, (match) => `${match.slice(0, match.indexOf('_') + 1)}[redacted]`);
}

export function createLogger(
  options: { level?: string; name?: string; destination?: pino.DestinationStream } = {},
): Logger {
  return pino(
    {
      name: options.name ?? 'paydesk',
      level: options.level ?? 'info',
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      formatters: {
        log(object) {
          const message = object.msg;
          return typeof message === 'string' ? { ...object, msg: scrubSecrets(message) } : object;
        },
      },
      serializers: {
        err(error: unknown) {
          const serialized = pino.stdSerializers.err(error as Error);
          return {
            ...serialized,
            message: scrubSecrets(String(serialized.message ?? '')),
            stack: scrubSecrets(String(serialized.stack ?? '')),
          };
        },
      },
      hooks: {
        logMethod(args, method) {
          // Message strings are interpolated after formatters run, so scrub them here too.
          const scrubbed = args.map((arg) =>
            typeof arg === 'string' ? scrubSecrets(arg) : arg,
          ) as typeof args;
          method.apply(this, scrubbed);
        },
      },
    },
    options.destination,
  );
}
