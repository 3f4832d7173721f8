import { invalidParam, invalidRequest } from '../api/api-error';
import type { SimulatorCore } from '../core';
import type { SimulatedAccountLink, SimulatedLoginLink } from '../state/stripe-objects';
import { randomAlphanumeric } from '../support/ids';
import { activateAccount, findAccount } from './accounts';

/** Stripe's Account Links expire a few minutes after creation. */
const ACCOUNT_LINK_LIFETIME_SECONDS = 300;

export interface CreateAccountLinkInput {
  accountId: string;
  type: string;
  refreshUrl: string;
  returnUrl: string;
}

export function createAccountLink(core: SimulatorCore, input: CreateAccountLinkInput): SimulatedAccountLink {
  findAccount(core, input.accountId);
  if (input.type !== 'account_onboarding' && input.type !== 'account_update') {
    throw invalidParam('type', `Invalid type: must be one of account_onboarding or account_update`);
  }
  const token = randomAlphanumeric(32);
  const created = core.nowSeconds();
  const expiresAt = created + ACCOUNT_LINK_LIFETIME_SECONDS;
  core.store.accountLinks.set(token, {
    token,
    accountId: input.accountId,
    type: input.type,
    refreshUrl: input.refreshUrl,
    returnUrl: input.returnUrl,
    expiresAt,
    usedAt: null,
  });
  return {
    object: 'account_link',
    created,
    expires_at: expiresAt,
    url: `${core.baseUrl}/express/onboarding/${token}`,
  };
}

/**
 * What visiting an Account Link does: the first visit before expiry "completes onboarding" (the account becomes
 * active) and lands on return_url; a reused or expired link lands on refresh_url, as with Stripe.
 * Returns where to redirect, or undefined for a link that never existed.
 */
export function followAccountLink(core: SimulatorCore, token: string): string | undefined {
  const link = core.store.accountLinks.get(token);
  if (!link) return undefined;
  const now = core.nowSeconds();
  if (link.usedAt !== null || now > link.expiresAt || !core.store.findConnectedAccount(link.accountId)) {
    return link.refreshUrl;
  }
  link.usedAt = now;
  activateAccount(core, link.accountId);
  return link.returnUrl;
}

/** A link into the Express dashboard; Stripe only makes them for Express accounts that finished onboarding. */
export function createLoginLink(core: SimulatorCore, accountId: string): SimulatedLoginLink {
  const account = findAccount(core, accountId);
  if (account.type !== 'express') {
    throw invalidRequest('Login links can only be created for Express accounts.', { param: 'account' });
  }
  if (!account.details_submitted) {
    throw invalidRequest('Cannot create a login link for an account that has not completed onboarding.', {
      param: 'account',
    });
  }
  const token = randomAlphanumeric(32);
  const created = core.nowSeconds();
  core.store.loginLinks.set(token, { token, accountId, created });
  return { object: 'login_link', created, url: `${core.baseUrl}/express/login/${token}` };
}
