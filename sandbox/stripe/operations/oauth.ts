import { OAuthError } from '../api/api-error';
import type { SimulatorCore } from '../core';
import type { RequestOrigin } from '../events/event-log';
import type { OAuthCodeRecord } from '../state/store';
import { randomAlphanumeric, stripeId } from '../support/ids';
import { activateAccount, createAccount, deauthorizeAccount, simulatedApplication } from './accounts';

/** Stripe's authorization codes are short-lived. */
const CODE_LIFETIME_SECONDS = 300;

export interface MintOAuthCodeOptions {
  email?: string;
  /** Whether the account finished onboarding during the OAuth flow (default true, as a completed flow would). */
  activate?: boolean;
}

/** What POST /oauth/token answers for an authorization code or refresh token. */
export interface OAuthTokenResponse {
  access_token: string;
  livemode: false;
  refresh_token: string;
  token_type: 'bearer';
  stripe_publishable_key: string;
  stripe_user_id: string;
  scope: 'express';
}

export function mintOAuthCode(core: SimulatorCore, options: MintOAuthCodeOptions = {}): OAuthCodeRecord {
  const record: OAuthCodeRecord = {
    code: `ac_${randomAlphanumeric(32)}`,
    accountId: stripeId('acct'),
    email: options.email ?? null,
    activate: options.activate ?? true,
    issuedAt: core.nowSeconds(),
    usedAt: null,
  };
  core.store.oauthCodes.set(record.code, record);
  return record;
}

/** Exchanges a code once: the connected account comes into existence here, as it does at Stripe. */
export function exchangeAuthorizationCode(
  core: SimulatorCore,
  code: string,
  origin?: RequestOrigin,
): OAuthTokenResponse {
  const record = core.store.oauthCodes.get(code);
  if (!record) throw new OAuthError('invalid_grant', `Invalid authorization code: ${code}`);
  if (record.usedAt !== null) {
    throw new OAuthError(
      'invalid_grant',
      'This authorization code has already been used. All tokens issued with this code have been revoked.',
    );
  }
  if (core.nowSeconds() > record.issuedAt + CODE_LIFETIME_SECONDS) {
    throw new OAuthError('invalid_grant', `Authorization code expired: ${code}`);
  }
  record.usedAt = core.nowSeconds();
  createAccount(
    core,
    {
      id: record.accountId,
      type: 'express',
      email: record.email,
      country: 'US',
      metadata: {},
      requestedCapabilities: [],
    },
    'oauth',
  );
  core.events.emit('account.application.authorized', simulatedApplication(), {
    account: record.accountId,
    origin,
  });
  if (record.activate) activateAccount(core, record.accountId, origin);
  return issueTokens(core, record.accountId);
}

export function exchangeRefreshToken(core: SimulatorCore, refreshToken: string): OAuthTokenResponse {
  const accountId = core.store.refreshTokens.get(refreshToken);
  if (!accountId || !core.store.findConnectedAccount(accountId)) {
    throw new OAuthError('invalid_grant', `Invalid refresh token: ${refreshToken}`);
  }
  return issueTokens(core, accountId);
}

/** POST /oauth/deauthorize: the platform disconnects an account it reached through OAuth. */
export function deauthorizeOAuthAccount(
  core: SimulatorCore,
  accountId: string,
  origin?: RequestOrigin,
): void {
  const record = core.store.findConnectedAccount(accountId);
  if (!record) {
    throw new OAuthError(
      'invalid_client',
      `Stripe account ${accountId} is not connected to your application.`,
    );
  }
  deauthorizeAccount(core, accountId, origin);
}

function issueTokens(core: SimulatorCore, accountId: string): OAuthTokenResponse {
  const accessToken = `sk_test_sim${randomAlphanumeric(24)}`;
  const refreshToken = `rt_${randomAlphanumeric(24)}`;
  core.store.accessTokens.set(accessToken, accountId);
  core.store.refreshTokens.set(refreshToken, accountId);
  return {
    access_token: accessToken,
    livemode: false,
    refresh_token: refreshToken,
    token_type: 'bearer',
    stripe_publishable_key: `pk_test_sim${randomAlphanumeric(24)}`,
    stripe_user_id: accountId,
    scope: 'express',
  };
}
