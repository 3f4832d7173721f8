import type { IncomingHttpHeaders } from 'node:http';
import { StripeApiError } from '../api/api-error';
import type { FormParams } from '../api/params';
import type { SimulatorStore } from '../state/store';

export interface Caller {
  apiKey: string;
  /** The connected account the call acts for: the Stripe-Account header, or the owner of an OAuth access token. */
  stripeAccount: string | null;
}

const MISSING_KEY_MESSAGE =
  "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.";

/**
 * Accepts the simulator's secret key (any `sk_test_`/`rk_test_` key when none was configured) and the access
 * tokens its OAuth endpoint issued. Live keys are refused outright: nothing real should ever be sent here.
 */
export function authenticate(
  headers: IncomingHttpHeaders,
  params: FormParams,
  store: SimulatorStore,
  configuredKey: string | null,
): Caller {
  const apiKey = keyFromHeader(headers.authorization) ?? keyFromParams(params);
  if (!apiKey) throw authenticationError(MISSING_KEY_MESSAGE);
  if (/^(sk|rk)_live_/.test(apiKey)) {
    throw authenticationError(
      'The Stripe simulator only accepts test mode keys (sk_test_...); never send it a live key.',
    );
  }
  const tokenAccount = store.accessTokens.get(apiKey) ?? null;
  const isTestKey = /^(sk|rk)_test_/.test(apiKey);
  const isAccepted =
    tokenAccount !== null || (isTestKey && (configuredKey === null || apiKey === configuredKey));
  if (!isAccepted) throw authenticationError(`Invalid API Key provided: ${redact(apiKey)}`);

  const stripeAccount = headerValue(headers['stripe-account']) ?? tokenAccount;
  if (stripeAccount !== null && !store.findConnectedAccount(stripeAccount)) {
    throw new StripeApiError(
      403,
      'invalid_request_error',
      `The provided key '${redact(apiKey)}' does not have access to account '${stripeAccount}' (or that account does not exist). Application access may have been revoked.`,
      { code: 'account_invalid' },
    );
  }
  return { apiKey, stripeAccount };
}

function keyFromHeader(authorization: string | undefined): string | null {
  if (!authorization) return null;
  const [scheme, credentials] = authorization.split(' ', 2);
  if (!credentials) return null;
  if (scheme?.toLowerCase() === 'bearer') return credentials.trim();
  // curl -u sk_test_...: sends Basic auth with the key as the user name and no password.
  if (scheme?.toLowerCase() === 'basic')
    return Buffer.from(credentials, 'base64').toString('utf8').split(':')[0] || null;
  return null;
}

/** OAuth token requests may authenticate with `client_secret` in the body instead. */
function keyFromParams(params: FormParams): string | null {
  return typeof params.client_secret === 'string' ? params.client_secret : null;
}

export function headerValue(value: string | string[] | undefined): string | null {
  const single = Array.isArray(value) ? value[0] : value;
  return single ? single : null;
}

function redact(apiKey: string): string {
  const prefix = apiKey.match(/^[a-z]+_[a-z]+_/)?.[0] ?? '';
  return `${prefix}****${apiKey.slice(-4)}`;
}

function authenticationError(message: string): StripeApiError {
  return new StripeApiError(401, 'authentication_error', message);
}
