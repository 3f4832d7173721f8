import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { type StripeSimulator, startStripeSimulator } from '../../../sandbox/stripe';
import { addBusinessDays } from '../../../src/business-days';

const SECRET_KEY = 'sk_test_paydesk_simulator';
const PLATFORM_WEBHOOK_SECRET = 'whsec_platform_simulator';
const CONNECT_WEBHOOK_SECRET = 'whsec_connect_simulator';
/** A Friday, so "5 business days later" has to skip a weekend. */
const FIXED_NOW = new Date('2025-01-03T12:00:00Z');

let simulator: StripeSimulator;
let stripe: Stripe;
/** The simulator's clock; a test may move it forward. Back to FIXED_NOW before every test. */
let simulatorNow: Date;

function clientFor(
  sim: StripeSimulator,
  config: { apiKey?: string; timeout?: number; maxNetworkRetries?: number } = {},
) {
  return new Stripe(config.apiKey ?? SECRET_KEY, {
    host: sim.host,
    port: sim.port,
    protocol: sim.protocol,
    maxNetworkRetries: config.maxNetworkRetries ?? 0,
    ...(config.timeout ? { timeout: config.timeout } : {}),
  });
}

/** Runs `call` and returns what it rejected with; fails the test if it resolved. */
async function rejectionOf(call: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  try {
    await call;
  } catch (error) {
    return error as Stripe.errors.StripeError;
  }
  throw new Error('Expected the call to be rejected');
}

async function activeConnectedAccount(): Promise<Stripe.Account> {
  const account = await stripe.accounts.create({
    type: 'express',
    email: 'writer@example.com',
    capabilities: { transfers: { requested: true } },
  });
  simulator.activateAccount(account.id);
  return account;
}

beforeEach(async () => {
  simulatorNow = FIXED_NOW;
  simulator = await startStripeSimulator({ secretKey: SECRET_KEY, clock: () => simulatorNow });
  stripe = clientFor(simulator);
});

afterEach(async () => {
  await simulator.close();
});

describe('authentication and routing', () => {
  it('rejects a wrong key with an authentication error', async () => {
    const error = await rejectionOf(clientFor(simulator, { apiKey: 'sk_test_wrong' }).balance.retrieve());

    expect(error).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect(error.statusCode).toBe(401);
  });

  it("answers an unknown URL with Stripe's 404", async () => {
    const error = await rejectionOf(stripe.rawRequest('GET', '/v1/no_such_thing'));

    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error.statusCode).toBe(404);
    expect(error.message).toContain('Unrecognized request URL');
  });
});

describe('top-ups', () => {
  it('creates, retrieves, lists and cancels a top-up, keeping the pending balance right', async () => {
    const topup = await stripe.topups.create({
      amount: 50_000,
      currency: 'usd',
      description: 'January writers',
      statement_descriptor: 'PAYDESK TOPUP',
      metadata: { paydesk_topup: 't1' },
    });

    expect(topup).toMatchObject({ object: 'topup', status: 'pending', amount: 50_000, livemode: false });
    expect(topup.id).toMatch(/^tu_[A-Za-z0-9]{24}$/);
    expect(topup.balance_transaction).toMatch(/^txn_/);
    expect(topup.expected_availability_date).toBe(Math.floor(addBusinessDays(FIXED_NOW, 5).getTime() / 1000));
    expect((await stripe.topups.retrieve(topup.id)).metadata).toEqual({ paydesk_topup: 't1' });
    expect(simulator.getBalance()).toEqual({ available: 0, pending: 50_000 });

    const pendingList = await stripe.topups.list({ status: 'pending', limit: 5 });
    expect(pendingList.data.map((listed) => listed.id)).toEqual([topup.id]);

    const canceled = await stripe.topups.cancel(topup.id);
    expect(canceled.status).toBe('canceled');
    expect(simulator.getBalance()).toEqual({ available: 0, pending: 0 });
    const again = await rejectionOf(stripe.topups.cancel(topup.id));
    expect(again).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
  });

  it('validates like Stripe: statement descriptor length, amount', async () => {
    const tooLong = await rejectionOf(
      stripe.topups.create({ amount: 100, currency: 'usd', statement_descriptor: 'SIXTEEN CHARS!!!' }),
    );
    const negative = await rejectionOf(stripe.topups.create({ amount: -5, currency: 'usd' }));

    expect(tooLong).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(tooLong.param).toBe('statement_descriptor');
    expect(negative.param).toBe('amount');
    expect(simulator.listTopups()).toHaveLength(0);
  });

  it('settling moves the amount from pending to available under source_types.bank_account', async () => {
    const topup = await stripe.topups.create({ amount: 12_345, currency: 'usd' });

    const settled = simulator.settleTopup(topup.id);
    const balance = await stripe.balance.retrieve();

    expect(settled.status).toBe('succeeded');
    expect(balance.available[0]).toMatchObject({ amount: 12_345, currency: 'usd' });
    expect(balance.available[0]?.source_types?.bank_account).toBe(12_345);
    expect(balance.pending[0]?.amount).toBe(0);
    expect(simulator.events('topup.succeeded')).toHaveLength(1);
  });
});

describe('transfers', () => {
  it('decreases the available balance and surfaces balance_insufficient as a StripeInvalidRequestError', async () => {
    const writer = await activeConnectedAccount();
    simulator.setAvailableBalance(10_000);

    const transfer = await stripe.transfers.create({
      amount: 7_500,
      currency: 'usd',
      destination: writer.id,
      transfer_group: 'batch-1',
    });
    const error = await rejectionOf(
      stripe.transfers.create({ amount: 2_501, currency: 'usd', destination: writer.id }),
    );

    expect(transfer).toMatchObject({ object: 'transfer', amount_reversed: 0, reversed: false });
    expect(transfer.id).toMatch(/^tr_/);
    expect(simulator.getBalance()).toEqual({ available: 2_500, pending: 0 });
    expect(simulator.getBalance(writer.id).available).toBe(7_500);
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error.code).toBe('balance_insufficient');
    expect(error.message).toContain('insufficient available funds');
    const listed = await stripe.transfers.list({ transfer_group: 'batch-1' });
    expect(listed.data.map((found) => found.id)).toEqual([transfer.id]);
  });

  it('refuses a destination that has not finished onboarding', async () => {
    const account = await stripe.accounts.create({ type: 'express', email: 'new@example.com' });
    simulator.setAvailableBalance(10_000);

    const error = await rejectionOf(
      stripe.transfers.create({ amount: 100, currency: 'usd', destination: account.id }),
    );

    expect(error.code).toBe('insufficient_capabilities_for_transfer');
    expect(error.param).toBe('destination');
    expect(simulator.getBalance().available).toBe(10_000);
  });

  it('reverses partially, then the remainder, and refuses to reverse more', async () => {
    const writer = await activeConnectedAccount();
    simulator.setAvailableBalance(1_000);
    const transfer = await stripe.transfers.create({
      amount: 1_000,
      currency: 'usd',
      destination: writer.id,
    });

    const partial = await stripe.transfers.createReversal(transfer.id, { amount: 400 });
    const rest = await stripe.transfers.createReversal(transfer.id);
    const tooMuch = await rejectionOf(stripe.transfers.createReversal(transfer.id, { amount: 1 }));
    const after = await stripe.transfers.retrieve(transfer.id);

    expect(partial.id).toMatch(/^trr_/);
    expect(rest.amount).toBe(600);
    expect(tooMuch).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(after).toMatchObject({ amount_reversed: 1_000, reversed: true });
    expect(after.reversals.data).toHaveLength(2);
    expect(simulator.getBalance().available).toBe(1_000);
    expect(simulator.events('transfer.reversed')).toHaveLength(2);
  });
});

describe('idempotency', () => {
  it('replays the first response for a repeated key and creates one object', async () => {
    const params = { amount: 2_000, currency: 'usd' };

    const first = await stripe.topups.create(params, { idempotencyKey: 'topup:1' });
    const second = await stripe.topups.create(params, { idempotencyKey: 'topup:1' });

    expect(second.id).toBe(first.id);
    expect(second.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(first.lastResponse.headers['idempotent-replayed']).toBeUndefined();
    expect(simulator.listTopups()).toHaveLength(1);
    expect(simulator.idempotencyKeysSeen()).toContain('topup:1');
    expect(simulator.countRequests({ idempotencyKey: 'topup:1', replayed: true })).toBe(1);
  });

  it('rejects the same key with different parameters as a StripeIdempotencyError', async () => {
    await stripe.topups.create({ amount: 2_000, currency: 'usd' }, { idempotencyKey: 'topup:2' });

    const error = await rejectionOf(
      stripe.topups.create({ amount: 2_001, currency: 'usd' }, { idempotencyKey: 'topup:2' }),
    );

    expect(error).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(error.message).toContain('same parameters');
  });

  it('replays a 4xx answer even after the cause went away, as Stripe does', async () => {
    const writer = await activeConnectedAccount();
    const params = { amount: 500, currency: 'usd', destination: writer.id };
    const first = await rejectionOf(stripe.transfers.create(params, { idempotencyKey: 'transfer:1' }));

    simulator.setAvailableBalance(1_000);
    const replay = await rejectionOf(stripe.transfers.create(params, { idempotencyKey: 'transfer:1' }));

    expect(first.code).toBe('balance_insufficient');
    expect(replay.code).toBe('balance_insufficient');
    expect(replay.headers?.['idempotent-replayed']).toBe('true');
    expect(simulator.listTransfers()).toHaveLength(0);
  });

  it('never creates two objects for concurrent requests with one key', async () => {
    simulator.setLatency(100);
    const params = { amount: 3_000, currency: 'usd' };

    const outcomes = await Promise.allSettled([
      stripe.topups.create(params, { idempotencyKey: 'topup:concurrent' }),
      stripe.topups.create(params, { idempotencyKey: 'topup:concurrent' }),
    ]);

    expect(simulator.listTopups()).toHaveLength(1);
    const rejected = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(rejected).toHaveLength(1);
    const reason = (rejected[0] as PromiseRejectedResult).reason as Stripe.errors.StripeError;
    expect(reason.statusCode).toBe(409);
    expect(reason.code).toBe('idempotency_key_in_use');
  });

  it('after commit-then-500, a retry with the same key returns the object that was created', async () => {
    simulator.failNext(1, 'commit-then-500', { method: 'POST', path: /^\/v1\/topups$/ });
    const params = { amount: 4_000, currency: 'usd' };

    const lost = await rejectionOf(stripe.topups.create(params, { idempotencyKey: 'topup:lost-reply' }));
    const retried = await stripe.topups.create(params, { idempotencyKey: 'topup:lost-reply' });

    expect(lost).toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect(lost.statusCode).toBe(500);
    expect(simulator.listTopups().map((topup) => topup.id)).toEqual([retried.id]);
    expect(retried.lastResponse.headers['idempotent-replayed']).toBe('true');
  });

  it("lets stripe-node's own retry recover from a lost reply without a second object", async () => {
    simulator.failNext(1, 'commit-then-500');
    const retrying = clientFor(simulator, { maxNetworkRetries: 1 });

    const topup = await retrying.topups.create({ amount: 4_500, currency: 'usd' });

    expect(simulator.listTopups().map((created) => created.id)).toEqual([topup.id]);
    expect(simulator.countRequests({ method: 'POST', path: '/v1/topups' })).toBe(2);
  });
});

describe('idempotency: as strict as Stripe', () => {
  const HOUR_MS = 60 * 60 * 1000;
  const later = (ms: number) => new Date(FIXED_NOW.getTime() + ms);

  /** Resolves once the simulator's idempotency layer has taken `key`, i.e. its request is executing. */
  async function untilKeyTaken(key: string): Promise<void> {
    while (!simulator.idempotencyKeysSeen().includes(key)) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  it("remembers a key for 24 hours of the simulator's clock from its first use, then forgets it", async () => {
    const params = { amount: 2_500, currency: 'usd' };
    const first = await stripe.topups.create(params, { idempotencyKey: 'topup:window' });

    simulatorNow = later(24 * HOUR_MS - 60_000);
    const lastMinute = await stripe.topups.create(params, { idempotencyKey: 'topup:window' });
    simulatorNow = later(24 * HOUR_MS);
    const nextDay = await stripe.topups.create(params, { idempotencyKey: 'topup:window' });
    const nextDayAgain = await stripe.topups.create(params, { idempotencyKey: 'topup:window' });

    expect(lastMinute.id).toBe(first.id);
    expect(lastMinute.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(lastMinute.lastResponse.headers['original-request']).toBe(first.lastResponse.requestId);
    expect(nextDay.id).not.toBe(first.id);
    expect(nextDay.lastResponse.headers['idempotent-replayed']).toBeUndefined();
    expect(nextDayAgain.id).toBe(nextDay.id);
    expect(nextDayAgain.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(simulator.listTopups().map((topup) => topup.id)).toEqual([first.id, nextDay.id]);
  });

  it('stores a 500 from an endpoint that began executing and replays it for 24 hours; nothing is created', async () => {
    simulator.failNext(1, '500', { method: 'POST', path: /^\/v1\/topups$/ });
    const params = { amount: 3_500, currency: 'usd' };

    const first = await rejectionOf(stripe.topups.create(params, { idempotencyKey: 'topup:stored-500' }));
    const retried = await rejectionOf(stripe.topups.create(params, { idempotencyKey: 'topup:stored-500' }));
    const bySdk = await rejectionOf(
      clientFor(simulator, { maxNetworkRetries: 2 }).topups.create(params, {
        idempotencyKey: 'topup:stored-500',
      }),
    );

    expect(first).toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect(first.statusCode).toBe(500);
    expect(first.headers?.['idempotent-replayed']).toBeUndefined();
    for (const replay of [retried, bySdk]) {
      expect(replay).toBeInstanceOf(Stripe.errors.StripeAPIError);
      expect(replay.statusCode).toBe(500);
      expect(replay.message).toBe(first.message);
      expect(replay.headers?.['idempotent-replayed']).toBe('true');
    }
    expect(simulator.countRequests({ idempotencyKey: 'topup:stored-500', replayed: true })).toBe(4);
    expect(simulator.listTopups()).toHaveLength(0);

    simulatorNow = later(24 * HOUR_MS);
    const afterWindow = await stripe.topups.create(params, { idempotencyKey: 'topup:stored-500' });
    expect(afterWindow.lastResponse.headers['idempotent-replayed']).toBeUndefined();
    expect(simulator.listTopups().map((topup) => topup.id)).toEqual([afterWindow.id]);
  });

  it('stores nothing for what is answered before execution: 429, a lost request, a 409, invalid parameters', async () => {
    const params = { amount: 1_200, currency: 'usd' };
    const topups = /^\/v1\/topups$/;

    simulator.failNext(1, '429', { path: topups });
    const limited = await rejectionOf(stripe.topups.create(params, { idempotencyKey: 'topup:429' }));
    simulator.failNext(1, 'hang', { path: topups, hangMs: 20_000 });
    const lost = await rejectionOf(
      clientFor(simulator, { timeout: 300 }).topups.create(params, { idempotencyKey: 'topup:lost' }),
    );
    simulator.failNext(1, '409-in-use', { path: topups });
    const conflict = await rejectionOf(stripe.topups.create(params, { idempotencyKey: 'topup:409' }));
    const invalid = await rejectionOf(
      stripe.topups.create({ amount: 0, currency: 'usd' }, { idempotencyKey: 'topup:invalid' }),
    );

    expect(limited.statusCode).toBe(429);
    expect(lost).toBeInstanceOf(Stripe.errors.StripeConnectionError);
    expect(conflict.statusCode).toBe(409);
    expect(invalid.code).toBe('parameter_invalid');
    for (const key of ['topup:429', 'topup:lost', 'topup:409']) {
      const retried = await stripe.topups.create(params, { idempotencyKey: key });
      expect(retried.lastResponse.headers['idempotent-replayed']).toBeUndefined();
    }
    const corrected = await stripe.topups.create(params, { idempotencyKey: 'topup:invalid' });
    expect(corrected.lastResponse.headers['idempotent-replayed']).toBeUndefined();
    expect(simulator.listTopups()).toHaveLength(4);
  });

  it('answers idempotency_error 400 for the same key with other parameters or on another endpoint', async () => {
    const writer = await activeConnectedAccount();
    simulator.setAvailableBalance(10_000);
    await stripe.topups.create({ amount: 2_000, currency: 'usd' }, { idempotencyKey: 'key:reused' });

    const otherParams = await rejectionOf(
      stripe.topups.create(
        { amount: 2_000, currency: 'usd', description: 'changed' },
        { idempotencyKey: 'key:reused' },
      ),
    );
    const otherEndpoint = await rejectionOf(
      stripe.transfers.create(
        { amount: 2_000, currency: 'usd', destination: writer.id },
        { idempotencyKey: 'key:reused' },
      ),
    );

    for (const error of [otherParams, otherEndpoint]) {
      expect(error).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
      expect(error.statusCode).toBe(400);
      expect(error.rawType).toBe('idempotency_error');
      expect(error.headers?.['idempotent-replayed']).toBeUndefined();
    }
    expect(otherParams.message).toMatch(
      /^Keys for idempotent requests can only be used with the same parameters they were first used with/,
    );
    expect(otherEndpoint.message).toMatch(
      /^Keys for idempotent requests can only be used for the same endpoint they were first used for/,
    );
    expect(simulator.listTopups()).toHaveLength(1);
    expect(simulator.listTransfers()).toHaveLength(0);
  });

  it('answers 409 idempotency_key_in_use while the first request is executing, then replays that request', async () => {
    simulator.setLatency(300);
    const params = { amount: 5_000, currency: 'usd' };

    const first = stripe.topups.create(params, { idempotencyKey: 'topup:in-use' });
    await untilKeyTaken('topup:in-use');
    const conflict = await rejectionOf(stripe.topups.create(params, { idempotencyKey: 'topup:in-use' }));
    const created = await first;
    const replayed = await stripe.topups.create(params, { idempotencyKey: 'topup:in-use' });

    expect(conflict.statusCode).toBe(409);
    expect(conflict.code).toBe('idempotency_key_in_use');
    expect(conflict.rawType).toBe('idempotency_error');
    expect(created.lastResponse.headers['idempotent-replayed']).toBeUndefined();
    expect(replayed.id).toBe(created.id);
    expect(replayed.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(simulator.listTopups()).toHaveLength(1);
  });
});

describe('rate limits and faults', () => {
  it('answers over the per-second limit with 429, surfaced as StripeRateLimitError', async () => {
    simulator.setRateLimit(2);

    const outcomes = await Promise.allSettled([
      stripe.balance.retrieve(),
      stripe.balance.retrieve(),
      stripe.balance.retrieve(),
    ]);

    const rejected = outcomes.filter((outcome) => outcome.status === 'rejected') as PromiseRejectedResult[];
    expect(rejected).toHaveLength(1);
    expect(rejected[0]?.reason).toBeInstanceOf(Stripe.errors.StripeRateLimitError);
    expect(simulator.rateLimitedCount()).toBe(1);
  });

  it('injects 429s with and without Stripe-Should-Retry', async () => {
    simulator.failNext(1, '429');
    simulator.failNext(1, '429-no-retry');

    const retryable = await rejectionOf(stripe.balance.retrieve());
    const final = await rejectionOf(stripe.balance.retrieve());

    expect(retryable).toBeInstanceOf(Stripe.errors.StripeRateLimitError);
    expect(retryable.headers?.['stripe-should-retry']).toBe('true');
    expect(final.headers?.['stripe-should-retry']).toBe('false');
  });

  it('a plain 500 does not perform the operation', async () => {
    simulator.failNext(1, '500', { path: /^\/v1\/topups$/ });

    const error = await rejectionOf(stripe.topups.create({ amount: 100, currency: 'usd' }));

    expect(error.statusCode).toBe(500);
    expect(simulator.listTopups()).toHaveLength(0);
  });

  it('draws probabilistic faults from a seed, so runs repeat', async () => {
    const statusesWithSeed = async (sim: StripeSimulator) => {
      sim.injectFaults({ status500: 0.5, seed: 42 });
      const client = clientFor(sim);
      const statuses: number[] = [];
      for (let call = 0; call < 8; call += 1) {
        statuses.push(
          await client.balance.retrieve().then(
            () => 200,
            (error: Stripe.errors.StripeError) => error.statusCode ?? 0,
          ),
        );
      }
      return statuses;
    };
    const other = await startStripeSimulator({ secretKey: SECRET_KEY });

    try {
      const first = await statusesWithSeed(simulator);
      const second = await statusesWithSeed(other);
      expect(second).toEqual(first);
      expect(first).toContain(500);
      expect(first).toContain(200);
    } finally {
      await other.close();
    }
  });

  it("cuts a hanging request at the client's timeout", async () => {
    simulator.failNext(1, 'hang', { hangMs: 20_000 });
    const impatient = clientFor(simulator, { timeout: 500 });
    const startedAt = Date.now();

    const error = await rejectionOf(impatient.balance.retrieve());

    expect(error).toBeInstanceOf(Stripe.errors.StripeConnectionError);
    expect(Date.now() - startedAt).toBeLessThan(2_000);
    expect(simulator.requestLog()[0]).toMatchObject({ fault: 'hang', status: null });
  });

  it('close() ends a request that is still hanging', async () => {
    const sim = await startStripeSimulator({ secretKey: SECRET_KEY });
    sim.failNext(1, 'hang', { hangMs: 60_000 });
    const pending = rejectionOf(clientFor(sim, { timeout: 30_000 }).balance.retrieve());
    while (sim.countRequests({ path: '/v1/balance' }) === 0) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const startedAt = Date.now();

    await sim.close();
    await sim.close();
    const error = await pending;

    expect(error).toBeInstanceOf(Stripe.errors.StripeConnectionError);
    expect(Date.now() - startedAt).toBeLessThan(2_000);
  });
});

describe('Connect onboarding', () => {
  it('exchanges a minted OAuth code once, then rejects it with StripeInvalidGrantError', async () => {
    const { code, accountId } = simulator.mintOAuthCode({ email: 'oauth-writer@example.com' });

    const token = await stripe.oauth.token({ grant_type: 'authorization_code', code });
    const reused = await rejectionOf(stripe.oauth.token({ grant_type: 'authorization_code', code }));
    const unknown = await rejectionOf(
      stripe.oauth.token({ grant_type: 'authorization_code', code: 'ac_nope' }),
    );

    expect(token).toMatchObject({
      stripe_user_id: accountId,
      token_type: 'bearer',
      livemode: false,
      scope: 'express',
    });
    expect(token.access_token).toMatch(/^sk_test_sim/);
    expect(reused).toBeInstanceOf(Stripe.errors.StripeInvalidGrantError);
    expect(unknown).toBeInstanceOf(Stripe.errors.StripeInvalidGrantError);
    const account = await stripe.accounts.retrieve(accountId);
    expect(account).toMatchObject({
      email: 'oauth-writer@example.com',
      capabilities: { transfers: 'active' },
    });
  });

  it('serves the Express OAuth page: redirect with code and state, or access_denied', async () => {
    const authorize = `${simulator.url}/express/oauth/authorize?client_id=ca_paydesk&state=st_123&redirect_uri=${encodeURIComponent('http://app.test/connect/oauth')}&stripe_user[email]=w%40example.com`;

    const granted = new URL((await fetch(authorize, { redirect: 'manual' })).headers.get('location') ?? '');
    const denied = new URL(
      (await fetch(`${authorize}&deny=1`, { redirect: 'manual' })).headers.get('location') ?? '',
    );

    expect(granted.origin + granted.pathname).toBe('http://app.test/connect/oauth');
    expect(granted.searchParams.get('state')).toBe('st_123');
    const token = await stripe.oauth.token({
      grant_type: 'authorization_code',
      code: granted.searchParams.get('code') ?? '',
    });
    expect((await stripe.accounts.retrieve(token.stripe_user_id ?? '')).email).toBe('w@example.com');
    expect(denied.searchParams.get('error')).toBe('access_denied');
    expect(denied.searchParams.get('state')).toBe('st_123');
  });

  it('account links are single use: first visit activates and returns, second goes to refresh_url', async () => {
    const account = await stripe.accounts.create({
      type: 'express',
      email: 'link-writer@example.com',
      capabilities: { transfers: { requested: true } },
      metadata: { writer: 'U123' },
    });
    expect(account.capabilities?.transfers).toBe('inactive');
    expect(account.requirements?.currently_due).toContain('external_account');
    const link = await stripe.accountLinks.create({
      account: account.id,
      refresh_url: 'http://app.test/connect/refresh',
      return_url: 'http://app.test/connect/return',
      type: 'account_onboarding',
    });

    const first = await fetch(link.url, { redirect: 'manual' });
    const second = await fetch(link.url, { redirect: 'manual' });

    expect(first.status).toBe(302);
    expect(first.headers.get('location')).toBe('http://app.test/connect/return');
    expect(second.headers.get('location')).toBe('http://app.test/connect/refresh');
    const activated = await stripe.accounts.retrieve(account.id);
    expect(activated).toMatchObject({ payouts_enabled: true, details_submitted: true });
    expect(activated.capabilities?.transfers).toBe('active');
    const [updated] = simulator.events('account.updated');
    expect(updated?.account).toBe(account.id);
    expect((await stripe.accounts.createLoginLink(account.id)).url).toContain('/express/login/');
  });
});

describe('webhooks', () => {
  interface Received {
    event: Stripe.Event;
    secret: 'platform' | 'connect';
  }

  /** The app's endpoint in miniature: verifies the signature with either secret, as POST /stripe/webhooks will. */
  async function startWebhookReceiver(failFirst = 0) {
    const received: Received[] = [];
    let failuresLeft = failFirst;
    const server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        if (failuresLeft > 0) {
          failuresLeft -= 1;
          response.writeHead(500).end();
          return;
        }
        const rawBody = Buffer.concat(chunks);
        const signature = String(request.headers['stripe-signature']);
        for (const [name, secret] of [
          ['platform', PLATFORM_WEBHOOK_SECRET],
          ['connect', CONNECT_WEBHOOK_SECRET],
        ] as const) {
          try {
            received.push({
              event: stripe.webhooks.constructEvent(rawBody, signature, secret),
              secret: name,
            });
            response.writeHead(200).end();
            return;
          } catch {
            // Not signed with this secret; try the other one.
          }
        }
        response.writeHead(400).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/stripe/webhooks`;
    const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
    return { url, received, close };
  }

  it('delivers platform events signed with the platform secret and Connect events with the Connect secret', async () => {
    const receiver = await startWebhookReceiver();
    simulator.setWebhookEndpoint({
      url: receiver.url,
      secret: PLATFORM_WEBHOOK_SECRET,
      connectSecret: CONNECT_WEBHOOK_SECRET,
    });
    try {
      const topup = await stripe.topups.create(
        { amount: 900, currency: 'usd' },
        { idempotencyKey: 'topup:hook' },
      );
      simulator.settleTopup(topup.id);
      const account = simulator.createConnectedAccount({ email: 'hook@example.com' });
      simulator.activateAccount(account.id);
      await simulator.drainDeliveries();

      const byType = (type: string) => receiver.received.find((received) => received.event.type === type);
      expect(receiver.received.map((received) => received.event.type)).toEqual([
        'topup.created',
        'topup.succeeded',
        'balance.available',
        'account.updated',
      ]);
      expect(byType('topup.created')).toMatchObject({
        secret: 'platform',
        event: { request: { idempotency_key: 'topup:hook' } },
      });
      expect(byType('account.updated')).toMatchObject({ secret: 'connect', event: { account: account.id } });
      expect(simulator.deliveryLog().every((attempt) => attempt.ok)).toBe(true);
    } finally {
      await receiver.close();
    }
  });

  it('lets a test deliver by hand: duplicates, reordering, and retries after failures', async () => {
    const receiver = await startWebhookReceiver(1);
    simulator.setAutoDeliver(false);
    simulator.setWebhookEndpoint({
      url: receiver.url,
      secret: PLATFORM_WEBHOOK_SECRET,
      connectSecret: CONNECT_WEBHOOK_SECRET,
      retryDelayMs: 5,
    });
    try {
      const topup = await stripe.topups.create({ amount: 900, currency: 'usd' });
      simulator.settleTopup(topup.id);
      const [created, succeeded] = [
        simulator.events('topup.created')[0],
        simulator.events('topup.succeeded')[0],
      ];
      expect(receiver.received).toHaveLength(0);

      await simulator.deliver(succeeded?.id ?? '', { times: 2 });
      await simulator.deliver(created?.id ?? '');

      expect(receiver.received.map((received) => received.event.type)).toEqual([
        'topup.succeeded',
        'topup.succeeded',
        'topup.created',
      ]);
      const firstAttempts = simulator.deliveryLog().filter((attempt) => attempt.eventId === succeeded?.id);
      expect(firstAttempts.map((attempt) => attempt.status)).toEqual([500, 200, 200]);
    } finally {
      await receiver.close();
    }
  });

  it('records failed deliveries to an endpoint that is down', async () => {
    simulator.setWebhookEndpoint({
      url: 'http://127.0.0.1:9/stripe/webhooks',
      secret: PLATFORM_WEBHOOK_SECRET,
      connectSecret: CONNECT_WEBHOOK_SECRET,
      maxAttempts: 2,
      retryDelayMs: 5,
    });

    await stripe.topups.create({ amount: 100, currency: 'usd' });
    await simulator.drainDeliveries();

    const attempts = simulator.deliveryLog();
    expect(attempts).toHaveLength(2);
    expect(attempts.every((attempt) => !attempt.ok && attempt.status === null && attempt.error)).toBe(true);
  });
});
