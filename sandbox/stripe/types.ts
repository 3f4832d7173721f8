import type { FailNextOptions, FaultConfig, FaultKind } from './controls/fault-injector';
import type { RequestLogEntry, RequestMatcher } from './controls/request-log';
import type { SimulatedEvent } from './events/event-log';
import type { DeliveryAttempt, WebhookEndpoint } from './events/webhook-deliverer';
import type { MintOAuthCodeOptions } from './operations/oauth';
import type { BalanceTotals } from './state/ledger';
import type { OAuthCodeRecord } from './state/store';
import type { SimulatedAccount, SimulatedTopup, SimulatedTransfer } from './state/stripe-objects';

export interface StripeSimulatorOptions {
  /** The only platform key accepted; when omitted any `sk_test_` key is. */
  secretKey?: string;
  /** The simulated "now" for `created`, expected availability dates and link expiry. Default: the real clock. */
  clock?: () => Date;
  /** Requests per second before answering 429 (sliding one-second window). Default: unlimited. */
  rateLimitPerSecond?: number;
}

export interface CreateConnectedAccountOptions {
  email?: string;
  metadata?: Record<string, string>;
  /** Finish onboarding straight away (capabilities.transfers active). Default false. */
  activate?: boolean;
}

/**
 * A local stand-in for Stripe's API, Connect OAuth and hosted onboarding pages. Point stripe-node at it with
 * `new Stripe(key, { host: sim.host, port: sim.port, protocol: sim.protocol, maxNetworkRetries: 0 })`.
 * Helpers that return Stripe objects return copies; change state through the API or the helpers.
 */
export interface StripeSimulator {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly protocol: 'http';
  /** Stops the server, ends hanging requests and pending webhook retries. */
  close(): Promise<void>;

  // State
  /** Sets the platform's available balance (as top-up funds, source type bank_account). */
  setAvailableBalance(cents: number): void;
  /** The platform's balance in cents, or a connected account's when `accountId` is given. */
  getBalance(accountId?: string): BalanceTotals;
  listTopups(): SimulatedTopup[];
  listTransfers(): SimulatedTransfer[];
  /** Connected accounts the platform can still reach. */
  listAccounts(): SimulatedAccount[];
  listOAuthCodes(): OAuthCodeRecord[];
  /** Creates a connected Express account directly, without the API (test set-up). */
  createConnectedAccount(options?: CreateConnectedAccountOptions): SimulatedAccount;
  /** An OAuth authorization code for a new Express account, as the consent page would redirect with. */
  mintOAuthCode(options?: MintOAuthCodeOptions): { code: string; accountId: string };

  // Requests
  requestLog(): RequestLogEntry[];
  countRequests(matcher?: RequestMatcher): number;
  /** Every Idempotency-Key received on a POST, first-seen order (stripe-node adds one to every POST). */
  idempotencyKeysSeen(): string[];

  // Controls
  setRateLimit(perSecond: number | null): void;
  rateLimitedCount(): number;
  /** Processing time of every API request, so that concurrent requests really overlap. Default 0. */
  setLatency(ms: number): void;
  /** Probabilistic faults from a seeded generator; null turns them off. */
  injectFaults(config: FaultConfig | null): void;
  /** The next `count` API requests matching `options` fail with `kind`. */
  failNext(count: number, kind: FaultKind, options?: FailNextOptions): void;
  /** Forgets injected and scheduled faults. */
  clearFaults(): void;

  // Time helpers: what Stripe does on its own, later
  settleTopup(topupId: string): SimulatedTopup;
  failTopup(topupId: string, failureCode?: string): SimulatedTopup;
  reverseTopup(topupId: string): SimulatedTopup;
  activateAccount(accountId: string): SimulatedAccount;
  restrictAccount(accountId: string, currentlyDue: string[]): SimulatedAccount;
  deauthorizeAccount(accountId: string): void;
  /** What Stripe will ask for later (`eventually_due`) or is verifying (`pending_verification`); transfers stay as they are. */
  setLaterRequirements(
    accountId: string,
    later: { eventuallyDue?: string[]; pendingVerification?: string[] },
  ): SimulatedAccount;

  // Events and webhooks
  setWebhookEndpoint(endpoint: WebhookEndpoint | null): void;
  /** On by default: each event is POSTed right after it happens, one at a time in order. */
  setAutoDeliver(enabled: boolean): void;
  /** Every event emitted, in order; only those of `type` when given. */
  events(type?: string): SimulatedEvent[];
  /** POSTs one event `times` times (default 1); resolves with the last attempt of each delivery. */
  deliver(eventId: string, options?: { times?: number }): Promise<DeliveryAttempt[]>;
  /** POSTs, in order, every event not yet delivered successfully. */
  deliverPendingEvents(): Promise<DeliveryAttempt[]>;
  /** Resolves when no webhook delivery (or retry) is running. */
  drainDeliveries(): Promise<void>;
  deliveryLog(): DeliveryAttempt[];
}

export type { RequestFilter } from './controls/request-log';
export type {
  BalanceTotals,
  DeliveryAttempt,
  FailNextOptions,
  FaultConfig,
  FaultKind,
  MintOAuthCodeOptions,
  OAuthCodeRecord,
  RequestLogEntry,
  RequestMatcher,
  SimulatedAccount,
  SimulatedEvent,
  SimulatedTopup,
  SimulatedTransfer,
  WebhookEndpoint,
};
