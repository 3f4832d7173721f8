import type { OnboardingDeps } from './deps';
import { describeRequirements } from './requirements';
import { accountSnapshot } from './status';
import { hashSecret, looksLikeSecret } from './tokens';
import type { Writer } from './types';
import { applyAccountSnapshot, writerActor, writerSubject } from './writer-updates';

export type OAuthCallbackInput = {
  state?: string;
  code?: string;
  error?: string;
  /** The browser-binding cookie set by /connect/start when the state was minted. */
  binder?: string;
};

export type StateRejection = 'missing' | 'unknown' | 'reused' | 'expired' | 'mismatched';

export type OAuthOutcome =
  | { kind: 'connected'; writer: Writer; stripeAccountId: string; ready: boolean; needs: string[] }
  | { kind: 'state_rejected'; reason: StateRejection }
  | { kind: 'cancelled' }
  | { kind: 'stripe_refused' }
  | { kind: 'invalid_grant' }
  | { kind: 'stripe_error' }
  | { kind: 'account_conflict' };

/**
 * GET /connect/oauth — Stripe sends the writer back with `code` and `state` (or `error`).
 * The state is consumed before anything else (compare-and-set `usedAt: null → now`, filtered on
 * purpose, expiry and the browser binding), so a replayed, expired, forged or someone else's state
 * is refused with nothing changed.
 */
export async function completeOAuth(deps: OnboardingDeps, input: OAuthCallbackInput): Promise<OAuthOutcome> {
  const now = deps.clock();
  const consumed =
    looksLikeSecret(input.state) && looksLikeSecret(input.binder)
      ? await deps.tokens.consume(hashSecret(input.state), 'oauth_state', hashSecret(input.binder), now)
      : undefined;
  if (!consumed) {
    const { reason, writerId } = await whyRejected(deps, input, now);
    await deps.audit.append({
      actor: { kind: 'system', process: 'connect-oauth' },
      action: 'oauth.state_rejected',
      subject: writerId ? { type: 'writer', id: writerId } : { type: 'oauth_state', id: 'unknown' },
      details: { reason },
    });
    return { kind: 'state_rejected', reason };
  }
  const writer = await deps.writers.findById(consumed.writerId);
  if (!writer) return { kind: 'state_rejected', reason: 'unknown' };

  if (input.error !== undefined) {
    const cancelled = input.error === 'access_denied';
    await deps.audit.append({
      actor: writerActor(writer),
      action: cancelled ? 'writer.oauth_cancelled' : 'writer.oauth_failed',
      subject: writerSubject(writer),
      details: { error: input.error.slice(0, 60) },
    });
    return cancelled ? { kind: 'cancelled' } : { kind: 'stripe_refused' };
  }
  if (!input.code) return { kind: 'stripe_refused' };

  const exchange = await deps.stripe.exchangeOAuthCode(input.code);
  if (!exchange.ok) {
    await deps.audit.append({
      actor: writerActor(writer),
      action: 'writer.oauth_failed',
      subject: writerSubject(writer),
      details: { error: exchange.reason, stripeCode: exchange.code },
    });
    if (exchange.reason === 'stripe_error')
      deps.logger.warn({ stripeCode: exchange.code }, 'oauth code exchange failed');
    return { kind: exchange.reason === 'invalid_grant' ? 'invalid_grant' : 'stripe_error' };
  }

  const stripeAccountId = exchange.stripeUserId;
  const inserted = await deps.stripeAccounts.insert({
    stripeAccountId,
    writerId: writer.id,
    mode: 'oauth',
    livemode: exchange.livemode,
    createdAt: deps.clock(),
  });
  if (
    !inserted.inserted &&
    !(inserted.existing?.writerId === writer.id && inserted.existing.stripeAccountId === stripeAccountId)
  ) {
    deps.logger.warn(
      { writerId: writer.id, stripeAccountId },
      'oauth connected an account that conflicts with a stored one',
    );
    await deps.audit.append({
      actor: writerActor(writer),
      action: 'writer.oauth_failed',
      subject: writerSubject(writer),
      details: {
        error: 'account_conflict',
        stripeAccountId,
        existingStripeAccountId: inserted.existing?.stripeAccountId,
      },
    });
    return { kind: 'account_conflict' };
  }

  const snapshot = accountSnapshot(await deps.stripe.retrieveAccount(stripeAccountId));
  await applyAccountSnapshot(deps, writer.id, snapshot, {
    trigger: 'oauth',
    actor: writerActor(writer),
    mode: 'oauth',
  });
  const latest = (await deps.writers.findById(writer.id)) ?? writer;
  return {
    kind: 'connected',
    writer: latest,
    stripeAccountId,
    ready: latest.status === 'active',
    needs: describeRequirements(latest.requirementsDue),
  };
}

/** Only for the audit trail and logs: the writer sees the same page whatever the reason. */
async function whyRejected(
  deps: OnboardingDeps,
  input: OAuthCallbackInput,
  now: Date,
): Promise<{ reason: StateRejection; writerId?: string }> {
  if (!input.state) return { reason: 'missing' };
  if (!looksLikeSecret(input.state)) return { reason: 'unknown' };
  const token = await deps.tokens.find(hashSecret(input.state));
  if (token?.purpose !== 'oauth_state') return { reason: 'unknown' };
  const writerId = token.writerId;
  if (token.usedAt !== null) return { reason: 'reused', writerId };
  if (token.expiresAt.getTime() <= now.getTime()) return { reason: 'expired', writerId };
  // Valid, but presented by a browser other than the one it was minted for (or with no cookie).
  return { reason: 'mismatched', writerId };
}
