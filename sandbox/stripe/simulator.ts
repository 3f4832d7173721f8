import { systemClock } from '../../src/clock';
import { Router } from './api/router';
import { allRoutes } from './api/routes';
import { FaultInjector } from './controls/fault-injector';
import { IdempotencyStore } from './controls/idempotency-store';
import { RateLimiter } from './controls/rate-limiter';
import { RequestLog } from './controls/request-log';
import { createSimulatorCore } from './core';
import { WebhookDeliverer } from './events/webhook-deliverer';
import { listenOnLoopback } from './http/loopback-server';
import { RequestPipeline } from './http/request-pipeline';
import {
  activateAccount,
  createAccount,
  deauthorizeAccount,
  restrictAccount,
  setLaterRequirements,
} from './operations/accounts';
import { mintOAuthCode } from './operations/oauth';
import { failTopup, reverseTopup, settleTopup } from './operations/topups';
import { PLATFORM } from './state/ledger';
import { TimerRegistry } from './support/timer-registry';
import type { StripeSimulator, StripeSimulatorOptions } from './types';

export async function startStripeSimulator(options: StripeSimulatorOptions = {}): Promise<StripeSimulator> {
  const core = createSimulatorCore(options.clock ?? systemClock);
  const timers = new TimerRegistry();
  const requestLog = new RequestLog();
  const idempotency = new IdempotencyStore(core.now);
  const rateLimiter = new RateLimiter(options.rateLimitPerSecond ?? null);
  const faults = new FaultInjector();
  const webhooks = new WebhookDeliverer(core.events, timers);
  let latencyMs = 0;
  let closing: Promise<void> | undefined;

  const pipeline = new RequestPipeline({
    core,
    router: new Router(allRoutes(core)),
    idempotency,
    rateLimiter,
    faults,
    requestLog,
    timers,
    configuredKey: options.secretKey ?? null,
    latencyMs: () => latencyMs,
  });
  const server = await listenOnLoopback((request, response) => {
    void pipeline.handle(request, response);
  });
  core.baseUrl = `http://${server.host}:${server.port}`;

  return {
    url: core.baseUrl,
    host: server.host,
    port: server.port,
    protocol: 'http',
    close: () => {
      // Idempotent: afterEach hooks and demo shutdown handlers may both call it.
      closing ??= (async () => {
        timers.closeAll();
        webhooks.close();
        await server.close();
      })();
      return closing;
    },

    setAvailableBalance: (cents) => core.ledger.setAvailable(PLATFORM, cents),
    getBalance: (accountId) => core.ledger.totals(accountId ?? PLATFORM),
    listTopups: () => structuredClone([...core.store.topups.values()]),
    listTransfers: () => structuredClone([...core.store.transfers.values()]),
    listAccounts: () =>
      structuredClone(
        [...core.store.accounts.values()].filter((record) => record.connected).map((r) => r.account),
      ),
    listOAuthCodes: () => structuredClone([...core.store.oauthCodes.values()]),
    createConnectedAccount: (accountOptions = {}) => {
      const account = createAccount(
        core,
        {
          type: 'express',
          email: accountOptions.email ?? null,
          country: 'US',
          metadata: accountOptions.metadata ?? {},
          requestedCapabilities: [],
        },
        'helper',
      );
      if (accountOptions.activate) activateAccount(core, account.id);
      return structuredClone(account);
    },
    mintOAuthCode: (codeOptions) => {
      const { code, accountId } = mintOAuthCode(core, codeOptions);
      return { code, accountId };
    },

    requestLog: () => requestLog.all(),
    countRequests: (matcher) => requestLog.count(matcher),
    idempotencyKeysSeen: () => idempotency.keysSeen(),

    setRateLimit: (perSecond) => rateLimiter.setLimit(perSecond),
    rateLimitedCount: () => rateLimiter.rejectedCount(),
    setLatency: (ms) => {
      latencyMs = ms;
    },
    injectFaults: (config) => faults.injectFaults(config),
    failNext: (count, kind, failOptions) => faults.failNext(count, kind, failOptions),
    clearFaults: () => faults.clear(),

    settleTopup: (id) => structuredClone(settleTopup(core, id)),
    failTopup: (id, failureCode) => structuredClone(failTopup(core, id, failureCode)),
    reverseTopup: (id) => structuredClone(reverseTopup(core, id)),
    activateAccount: (id) => structuredClone(activateAccount(core, id)),
    restrictAccount: (id, currentlyDue) => structuredClone(restrictAccount(core, id, currentlyDue)),
    deauthorizeAccount: (id) => deauthorizeAccount(core, id),
    setLaterRequirements: (id, later) => structuredClone(setLaterRequirements(core, id, later)),

    setWebhookEndpoint: (endpoint) => webhooks.setEndpoint(endpoint),
    setAutoDeliver: (enabled) => webhooks.setAutoDeliver(enabled),
    events: (type) =>
      structuredClone(core.events.all().filter((event) => type === undefined || event.type === type)),
    deliver: (eventId, deliverOptions) => webhooks.deliver(eventId, deliverOptions?.times ?? 1),
    deliverPendingEvents: () => webhooks.deliverPending(),
    drainDeliveries: () => webhooks.drain(),
    deliveryLog: () => webhooks.log(),
  };
}
