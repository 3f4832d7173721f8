import type { SimulatorCore } from '../../core';
import {
  deauthorizeOAuthAccount,
  exchangeAuthorizationCode,
  exchangeRefreshToken,
} from '../../operations/oauth';
import { OAuthError } from '../api-error';
import type { Route } from '../router';

/** connect.stripe.com's token endpoints; their errors are flat OAuth errors, not API errors. */
export function oauthRoutes(core: SimulatorCore): Route[] {
  return [
    {
      method: 'POST',
      path: '/oauth/token',
      handle: (request) => {
        const { params } = request;
        const grantType = params.grant_type;
        if (grantType === 'authorization_code') {
          const code = params.code;
          if (typeof code !== 'string' || code === '')
            throw new OAuthError('invalid_request', 'No code provided');
          return exchangeAuthorizationCode(core, code, request.origin);
        }
        if (grantType === 'refresh_token') {
          const refreshToken = params.refresh_token;
          if (typeof refreshToken !== 'string' || refreshToken === '') {
            throw new OAuthError('invalid_request', 'No refresh_token provided');
          }
          return exchangeRefreshToken(core, refreshToken);
        }
        throw new OAuthError(
          'unsupported_grant_type',
          `Unsupported grant type: ${String(grantType)}. Use authorization_code or refresh_token.`,
        );
      },
    },
    {
      method: 'POST',
      path: '/oauth/deauthorize',
      handle: (request) => {
        const { client_id: clientId, stripe_user_id: accountId } = request.params;
        if (typeof clientId !== 'string' || !clientId.startsWith('ca_')) {
          throw new OAuthError('invalid_client', `No such application: '${String(clientId)}'`);
        }
        if (typeof accountId !== 'string' || accountId === '') {
          throw new OAuthError('invalid_request', 'No stripe_user_id provided');
        }
        deauthorizeOAuthAccount(core, accountId, request.origin);
        return { stripe_user_id: accountId };
      },
    },
  ];
}
