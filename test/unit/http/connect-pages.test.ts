import { escapeHtml, PAGES, renderPage } from '../../../src/http/connect/pages';
import { expressAuthorizeUrl } from '../../../src/stripe/oauth-url';

describe('onboarding pages', () => {
  it('are small pages with the product name, a title and one message, everything escaped', () => {
    const html = renderPage({
      status: 200,
      title: '<b>Hi</b>',
      message: 'a "quoted" & <script>alert(1)</script> message',
      action: { label: 'Go <now>', href: 'https://x.example/?a=1&b="2"' },
    });
    expect(html).toContain('<p class="product">Paydesk</p>');
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain('<h1>&lt;b&gt;Hi&lt;/b&gt;</h1>');
    expect(html).not.toContain('<script>');
    expect(html).toContain('href="https://x.example/?a=1&amp;b=&quot;2&quot;"');
    expect(escapeHtml(`'`)).toBe('&#39;');
  });

  it('use the right status codes', () => {
    expect(PAGES.connected(true, []).status).toBe(200);
    expect(PAGES.cancelled().status).toBe(200);
    expect(PAGES.stateRejected().status).toBe(403);
    expect(PAGES.linkInvalid().status).toBe(403);
    expect(PAGES.linkExpired().status).toBe(410);
    expect(PAGES.invalidGrant().status).toBe(400);
    expect(PAGES.stripeError().status).toBe(500);
    expect(PAGES.needsMore(['bank account'], 'https://x').action?.href).toBe('https://x');
    expect(PAGES.connected(false, ['date of birth']).message).toContain('Stripe still needs: date of birth');
  });
});

describe('expressAuthorizeUrl', () => {
  const params = {
    state: 'S'.repeat(43),
    email: 'w+1@example.com',
    redirectUri: 'https://paydesk.example/connect/oauth',
  };

  it("goes to Stripe's Express OAuth page with the parameters the guide names", () => {
    const url = new URL(expressAuthorizeUrl({ clientId: 'ca_123' }, params));
    expect(url.origin + url.pathname).toBe('https://connect.stripe.com/express/oauth/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'ca_123',
      state: params.state,
      'suggested_capabilities[]': 'transfers',
      'stripe_user[email]': 'w+1@example.com',
      redirect_uri: params.redirectUri,
    });
  });

  it('goes to the sandbox when STRIPE_API_BASE is set, and leaves out an unknown email', () => {
    const url = new URL(
      expressAuthorizeUrl(
        { clientId: 'ca_123', apiBase: 'http://127.0.0.1:12111' },
        { ...params, email: null },
      ),
    );
    expect(url.origin + url.pathname).toBe('http://127.0.0.1:12111/express/oauth/authorize');
    expect(url.searchParams.has('stripe_user[email]')).toBe(false);
  });
});
