import type { ServerResponse } from 'node:http';

export type Page = {
  status: number;
  title: string;
  /** One or two sentences: what happened and what to do next. */
  message: string;
  action?: { label: string; href: string };
};

const PRODUCT = 'Paydesk';

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** A small centred page, readable on a phone. Everything interpolated is escaped. */
export function renderPage(page: Page): string {
  const action = page.action
    ? `<p><a class="button" href="${escapeHtml(page.action.href)}">${escapeHtml(page.action.label)}</a></p>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(page.title)} · ${PRODUCT}</title>
<style>
body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;background:#f6f7f9;color:#1d1c1d;font:16px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,sans-serif}
main{max-width:28rem;margin:1.5rem;padding:2rem 1.5rem;background:#fff;border-radius:12px;box-shadow:0 1px 4px rgba(0,0,0,.08);text-align:center}
.product{font-weight:700;letter-spacing:.02em;color:#635bff;margin:0 0 1rem}
h1{font-size:1.35rem;margin:0 0 .75rem}
p{margin:.5rem 0}
.button{display:inline-block;margin-top:1rem;padding:.7rem 1.2rem;border-radius:8px;background:#635bff;color:#fff;text-decoration:none;font-weight:600}
</style>
</head>
<body>
<main>
<p class="product">${PRODUCT}</p>
<h1>${escapeHtml(page.title)}</h1>
<p>${escapeHtml(page.message)}</p>
${action}
</main>
</body>
</html>
`;
}

const SECURITY_HEADERS = {
  'cache-control': 'no-store',
  // Links carry tokens: never leak them to another site in a Referer header.
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
};

export function sendPage(
  res: ServerResponse,
  page: Page,
  headers: Record<string, string | string[]> = {},
): void {
  const body = renderPage(page);
  res.writeHead(page.status, {
    ...SECURITY_HEADERS,
    ...headers,
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

export function sendRedirect(
  res: ServerResponse,
  location: string,
  headers: Record<string, string | string[]> = {},
): void {
  res.writeHead(302, { ...SECURITY_HEADERS, ...headers, location, 'content-length': 0 });
  res.end();
}

const ASK_AGAIN =
  'Go back to Slack and run /payouts connect for a new link, or ask finance to invite you again.';

/** Every page onboarding can show, by what happened. */
export const PAGES = {
  connected: (ready: boolean, needs: readonly string[]): Page =>
    ready
      ? {
          status: 200,
          title: "You're connected — you can close this tab",
          message: "Your Stripe account is connected. You'll get a message in Slack each time you're paid.",
        }
      : {
          status: 200,
          title: "You're connected — you can close this tab",
          message: `Your Stripe account is connected, but Stripe still needs: ${needs.join(', ') || 'a few more details'}. We sent you a link in Slack to finish.`,
        },
  done: (): Page => ({
    status: 200,
    title: "You're all set — you can close this tab",
    message: "Stripe has everything it needs. You'll get a message in Slack each time you're paid.",
  }),
  needsMore: (needs: readonly string[], continueUrl: string): Page => ({
    status: 200,
    title: 'Almost there',
    message: `Stripe still needs: ${needs.join(', ')}. Continue with Stripe to finish; it only takes a few minutes.`,
    action: { label: 'Continue with Stripe', href: continueUrl },
  }),
  inReview: (): Page => ({
    status: 200,
    title: 'Thanks — Stripe is checking your details',
    message: "You can close this tab. We'll message you in Slack as soon as you can be paid.",
  }),
  alreadyConnected: (): Page => ({
    status: 200,
    title: "You're already connected",
    message:
      'Nothing to do here. To see your payouts or change your bank account, run /payouts dashboard in Slack.',
  }),
  cancelled: (): Page => ({
    status: 200,
    title: 'You cancelled connecting with Stripe',
    message:
      'Nothing was changed. When you are ready, click "Connect with Stripe" in your Slack DM again (it works for 7 days).',
  }),
  linkInvalid: (): Page => ({
    status: 403,
    title: "This link isn't valid",
    message: `It may have been copied incompletely. ${ASK_AGAIN}`,
  }),
  linkExpired: (): Page => ({
    status: 410,
    title: 'This link has expired',
    message: `Links to connect with Stripe work for 7 days. ${ASK_AGAIN}`,
  }),
  stateRejected: (): Page => ({
    status: 403,
    title: 'This sign-in link has expired or was already used',
    message:
      'Nothing was changed. If you just connected, you are all set: check your Slack DMs. Otherwise click "Connect with Stripe" in Slack again, or run /payouts connect for a new link.',
  }),
  disconnected: (): Page => ({
    status: 403,
    title: 'This link no longer works',
    message: 'You disconnected Paydesk from your Stripe account. Ask finance to invite you again.',
  }),
  invalidGrant: (): Page => ({
    status: 400,
    title: "Stripe didn't accept this sign-in",
    message: `It may have expired or been used already. Nothing was changed. ${ASK_AGAIN}`,
  }),
  stripeRefused: (): Page => ({
    status: 400,
    title: "Stripe couldn't finish connecting your account",
    message: `Nothing was changed. ${ASK_AGAIN}`,
  }),
  accountConflict: (): Page => ({
    status: 409,
    title: 'This Stripe account is already connected',
    message:
      'Paydesk already has a different Stripe account on file for you, or this one belongs to someone else. Nothing was changed. Ask finance for help.',
  }),
  stripeError: (): Page => ({
    status: 500,
    title: 'Something went wrong with Stripe',
    message:
      'Nothing was changed. Try again in a few minutes from the link in Slack; if it keeps happening, tell finance.',
  }),
  noAccount: (): Page => ({
    status: 404,
    title: "We couldn't find your Stripe account",
    message: `Nothing was changed. ${ASK_AGAIN}`,
  }),
  internalError: (): Page => ({
    status: 500,
    title: 'Something went wrong',
    message: 'Nothing was changed. Try the link again in a few minutes; if it keeps happening, tell finance.',
  }),
};
