import { scrubSecrets } from '../../logger';

const SECRET_KEYS =
  /^(token|code|state|secret|password|access_token|refresh_token|authorization|signature|url)$/i;

/**
 * Audit details are kept forever and exported, so keys that can hold a credential are dropped
 * and anything shaped like a Stripe or Slack secret is masked before the entry is hashed.
 */
export function sanitizeDetails(details: Record<string, unknown>): Record<string, unknown> {
  const clean: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(details)) {
    if (SECRET_KEYS.test(key) || value === undefined) continue;
    clean[key] = sanitizeValue(value);
  }
  return clean;
}

function sanitizeValue(value: unknown): unknown {
  if (typeof value === 'string') return scrubSecrets(value);
  if (Array.isArray(value)) return value.map(sanitizeValue);
  if (value instanceof Date) return value;
  if (value && typeof value === 'object') return sanitizeDetails(value as Record<string, unknown>);
  return value;
}
