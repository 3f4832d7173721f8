/**
 * The Express OAuth authorize URL a writer is sent to. With STRIPE_API_BASE set (the sandbox), the
 * consent page is that host's `/express/oauth/authorize` (the Stripe simulator serves it and
 * redirects back with a code); otherwise Stripe's own connect.stripe.com.
 */
export function expressAuthorizeUrl(
  settings: { clientId: string; apiBase?: string },
  params: { state: string; email: string | null; redirectUri: string },
): string {
  const url = new URL('/express/oauth/authorize', settings.apiBase ?? 'https://connect.stripe.com');
  url.searchParams.set('client_id', settings.clientId);
  url.searchParams.set('state', params.state);
  url.searchParams.append('suggested_capabilities[]', 'transfers');
  if (params.email) url.searchParams.set('stripe_user[email]', params.email);
  url.searchParams.set('redirect_uri', params.redirectUri);
  return url.toString();
}
