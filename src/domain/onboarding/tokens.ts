import { createHash, randomBytes } from 'node:crypto';

/** The invitation link works for a week, as the DM says. */
export const START_LINK_TTL_MS = 7 * 24 * 60 * 60 * 1000;
/** An OAuth round trip takes minutes; a state older than this is refused. */
export const OAUTH_STATE_TTL_MS = 30 * 60 * 1000;
/** Account Link refresh_url / return_url tokens live as long as the invitation. */
export const ACCOUNT_LINK_TOKEN_TTL_MS = START_LINK_TTL_MS;

/** 256 random bits, URL-safe. Shown to the writer once (in a link); only its hash is stored. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database keeps instead of a secret: a leaked table cannot be turned back into links. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Secrets we minted are 43 base64url characters; anything else is refused before touching the database. */
export function looksLikeSecret(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value);
}
