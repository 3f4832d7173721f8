import type { OnboardingDeps } from './deps';
import {
  ACCOUNT_LINK_TOKEN_TTL_MS,
  hashSecret,
  newSecret,
  OAUTH_STATE_TTL_MS,
  START_LINK_TTL_MS,
} from './tokens';
import type { TokenPurpose, Writer } from './types';

export const CONNECT_PATHS = {
  start: '/connect/start',
  oauth: '/connect/oauth',
  refresh: '/connect/refresh',
  return: '/connect/return',
} as const;

async function mint(
  deps: OnboardingDeps,
  writer: Writer,
  purpose: TokenPurpose,
  ttlMs: number,
  binderHash: string | null = null,
): Promise<{ secret: string; tokenHash: string; expiresAt: Date }> {
  const secret = newSecret();
  const now = deps.clock();
  const expiresAt = new Date(now.getTime() + ttlMs);
  const tokenHash = hashSecret(secret);
  await deps.tokens.insert({
    tokenHash,
    writerId: writer.id,
    purpose,
    createdAt: now,
    expiresAt,
    usedAt: null,
    binderHash,
  });
  return { secret, tokenHash, expiresAt };
}

/**
 * The link a writer's DM points at. It may be clicked any number of times until it expires: the
 * DM promises "works for 7 days", people click twice, and Slack's in-app browser may open it again.
 * Each click only leads to Stripe; what must be single use there (the OAuth `state`, the Account
 * Link) is minted fresh per click and is single use itself.
 */
export async function issueStartLink(
  deps: OnboardingDeps,
  writer: Writer,
): Promise<{ url: string; expiresAt: Date; tokenHash: string }> {
  const { secret, tokenHash, expiresAt } = await mint(deps, writer, 'start', START_LINK_TTL_MS);
  return { url: `${deps.settings.publicUrl}${CONNECT_PATHS.start}/${secret}`, expiresAt, tokenHash };
}

export async function issueOAuthState(
  deps: OnboardingDeps,
  writer: Writer,
  binderHash: string,
): Promise<string> {
  return (await mint(deps, writer, 'oauth_state', OAUTH_STATE_TTL_MS, binderHash)).secret;
}

/** refresh_url and return_url for an Account Link, each with its own opaque token (never a raw id). */
export async function issueAccountLinkUrls(
  deps: OnboardingDeps,
  writer: Writer,
): Promise<{ refreshUrl: string; returnUrl: string }> {
  const refresh = await mint(deps, writer, 'refresh', ACCOUNT_LINK_TOKEN_TTL_MS);
  const back = await mint(deps, writer, 'return', ACCOUNT_LINK_TOKEN_TTL_MS);
  return {
    refreshUrl: `${deps.settings.publicUrl}${CONNECT_PATHS.refresh}?writer=${refresh.secret}`,
    returnUrl: `${deps.settings.publicUrl}${CONNECT_PATHS.return}?writer=${back.secret}`,
  };
}

export async function issueRefreshUrl(deps: OnboardingDeps, writer: Writer): Promise<string> {
  const refresh = await mint(deps, writer, 'refresh', ACCOUNT_LINK_TOKEN_TTL_MS);
  return `${deps.settings.publicUrl}${CONNECT_PATHS.refresh}?writer=${refresh.secret}`;
}

export function oauthRedirectUri(deps: OnboardingDeps): string {
  return `${deps.settings.publicUrl}${CONNECT_PATHS.oauth}`;
}
