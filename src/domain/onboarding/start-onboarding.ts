import type { OnboardingDeps } from './deps';
import { issueAccountLinkUrls, issueOAuthState, oauthRedirectUri } from './links';
import { accountSnapshot } from './status';
import { hashSecret, looksLikeSecret, newSecret } from './tokens';
import type { OnboardingToken, StripeAccountRecord, TokenPurpose, Writer } from './types';
import { updateWriter, writerActor, writerSubject } from './writer-updates';

export type LinkCheck =
  | { ok: true; token: OnboardingToken; writer: Writer }
  | { ok: false; reason: 'invalid' | 'expired' };

/** A reusable link token (start, refresh, return): unexpired (checked in the query) and of that purpose. */
export async function checkLink(
  deps: OnboardingDeps,
  secret: unknown,
  purpose: TokenPurpose,
): Promise<LinkCheck> {
  if (!looksLikeSecret(secret)) return { ok: false, reason: 'invalid' };
  const tokenHash = hashSecret(secret);
  const token = await deps.tokens.findActive(tokenHash, purpose, deps.clock());
  if (!token) {
    const known = await deps.tokens.find(tokenHash);
    return { ok: false, reason: known?.purpose === purpose ? 'expired' : 'invalid' };
  }
  const writer = await deps.writers.findById(token.writerId);
  if (!writer) return { ok: false, reason: 'invalid' };
  return { ok: true, token, writer };
}

export type StartOutcome =
  | {
      kind: 'redirect';
      location: string /** set as a cookie: ties the OAuth state to this browser */;
      binder?: string;
    }
  | { kind: 'link_invalid' }
  | { kind: 'link_expired' }
  | { kind: 'already_connected'; writer: Writer }
  | { kind: 'disconnected' };

/** GET /connect/start/:token — the writer clicked "Connect with Stripe". */
export async function startOnboarding(deps: OnboardingDeps, secret: unknown): Promise<StartOutcome> {
  const check = await checkLink(deps, secret, 'start');
  if (!check.ok) return { kind: check.reason === 'expired' ? 'link_expired' : 'link_invalid' };
  return continueOnboarding(deps, check.writer);
}

/** GET /connect/refresh?writer= — Stripe sends the writer here when an Account Link expired or was used. */
export async function refreshOnboarding(deps: OnboardingDeps, secret: unknown): Promise<StartOutcome> {
  const check = await checkLink(deps, secret, 'refresh');
  if (!check.ok) return { kind: check.reason === 'expired' ? 'link_expired' : 'link_invalid' };
  return continueOnboarding(deps, check.writer);
}

/**
 * Where to send the writer next. A writer with a Stripe account (either mode) finishes through a
 * fresh Account Link; without one, `oauth` mode sends them to Express OAuth and `account_links`
 * mode creates their Express account first.
 */
async function continueOnboarding(deps: OnboardingDeps, writer: Writer): Promise<StartOutcome> {
  if (writer.status === 'deauthorized') return { kind: 'disconnected' };
  if (writer.status === 'active') return { kind: 'already_connected', writer };
  let account = await deps.stripeAccounts.findByWriter(writer.id);
  if (!account) {
    if (deps.settings.mode === 'oauth') {
      const binder = newSecret();
      const state = await issueOAuthState(deps, writer, hashSecret(binder));
      const location = deps.settings.oauthAuthorizeUrl({
        state,
        email: writer.email,
        redirectUri: oauthRedirectUri(deps),
      });
      return { kind: 'redirect', location, binder };
    }
    account = await ensureExpressAccount(deps, writer);
  }
  const urls = await issueAccountLinkUrls(deps, writer);
  const link = await deps.stripe.createAccountLink({ account: account.stripeAccountId, ...urls });
  return { kind: 'redirect', location: link.url };
}

/** `account:<writerId>`, with the generation appended once a writer had to start over. */
export function accountIdempotencyKey(writer: Pick<Writer, 'id' | 'accountGeneration'>): string {
  return writer.accountGeneration > 1
    ? `account:${writer.id}:${writer.accountGeneration}`
    : `account:${writer.id}`;
}

/**
 * The writer's Express account, created at most once. Two clicks at the same moment (or two
 * replicas) send the same idempotency key, so Stripe creates one account and answers both with
 * it; the unique writerId index on stripeAccounts then lets exactly one of them record it.
 */
export async function ensureExpressAccount(
  deps: OnboardingDeps,
  writer: Writer,
): Promise<StripeAccountRecord> {
  const existing = await deps.stripeAccounts.findByWriter(writer.id);
  if (existing) return existing;
  const account = await deps.stripe.createExpressAccount(
    {
      writerId: writer.id,
      email: writer.email,
      slackTeamId: writer.slackTeamId,
      slackUserId: writer.slackUserId,
    },
    accountIdempotencyKey(writer),
  );
  const record: StripeAccountRecord = {
    stripeAccountId: account.id,
    writerId: writer.id,
    mode: 'account_links',
    livemode: account.livemode === true,
    createdAt: deps.clock(),
  };
  const inserted = await deps.stripeAccounts.insert(record);
  if (!inserted.inserted) {
    const winner = inserted.existing ?? (await deps.stripeAccounts.findByWriter(writer.id));
    if (winner?.writerId === writer.id) return winner;
    throw new Error(`Stripe account ${account.id} is already linked to another writer`);
  }
  const snapshot = accountSnapshot(account);
  await updateWriter(deps, writer.id, (current) =>
    current.status === 'invited'
      ? {
          changes: {
            status: 'onboarding' as const,
            stripeAccountId: account.id,
            capabilities: snapshot.capabilities,
            payoutsEnabled: snapshot.payoutsEnabled,
            requirementsDue: snapshot.requirementsDue,
            statusChangedAt: deps.clock(),
          },
        }
      : current.stripeAccountId === null
        ? { changes: { stripeAccountId: account.id } }
        : undefined,
  );
  await deps.audit.append({
    actor: writerActor(writer),
    action: 'writer.stripe_account_created',
    subject: writerSubject(writer),
    details: { stripeAccountId: account.id, mode: 'account_links' },
  });
  return record;
}
