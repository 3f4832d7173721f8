import Stripe from 'stripe';
import { startStripeSimulator } from './src/sandbox/stripe';
(async () => {
  const sim = await startStripeSimulator();
  const stripe = new Stripe('sk_test_123', { host: sim.host, port: sim.port, protocol: 'http', maxNetworkRetries: 0 });
  const tu = await stripe.topups.create({ amount: 1000, currency: 'usd', statement_descriptor: 'PAYDESK', metadata: { a: 'b' } });
  console.log(tu);
  console.log(await stripe.balance.retrieve());
  try { await stripe.topups.create({ amount: 1000, currency: 'usd', statement_descriptor: 'x'.repeat(16) }); } catch (e: any) { console.log(e.type, e.code, e.param, e.message, e.statusCode); }
  const acct = await stripe.accounts.create({ type: 'express', email: 'w@x.com', capabilities: { transfers: { requested: true } } });
  console.log(acct.capabilities, acct.requirements?.currently_due?.length);
  const link = await stripe.accountLinks.create({ account: acct.id, refresh_url: 'http://app/refresh', return_url: 'http://app/return', type: 'account_onboarding' });
  console.log(link);
  const r1 = await fetch(link.url, { redirect: 'manual' }); console.log(r1.status, r1.headers.get('location'));
  const r2 = await fetch(link.url, { redirect: 'manual' }); console.log(r2.status, r2.headers.get('location'));
  sim.setAvailableBalance(5000);
  const tr = await stripe.transfers.create({ amount: 1500, currency: 'usd', destination: acct.id, transfer_group: 'g1' });
  console.log(tr.id, tr.amount_reversed, sim.getBalance(), sim.getBalance(acct.id));
  const rev = await stripe.transfers.createReversal(tr.id, { amount: 500 });
  console.log(rev, sim.getBalance());
  console.log(await stripe.transfers.list({ transfer_group: 'g1' }));
  const { code } = sim.mintOAuthCode({ email: 'o@x.com' });
  console.log(await stripe.oauth.token({ grant_type: 'authorization_code', code }));
  try { await stripe.oauth.token({ grant_type: 'authorization_code', code }); } catch (e: any) { console.log(e.constructor.name, e.type, e.message); }
  console.log(sim.events().map(e => `${e.type} ${e.account ?? ''}`));
  console.log(sim.requestLog().map(e => `${e.method} ${e.path} ${e.status}`));
  await sim.close();
})();
