import http from 'node:http';
import https from 'node:https';
import Stripe from 'stripe';
import { SimulatorClosedError, type TimerRegistry } from '../support/timer-registry';
import type { EventLog, SimulatedEvent } from './event-log';

export interface WebhookEndpoint {
  url: string;
  /** Signs platform events (top-ups, transfers, balance). */
  secret: string;
  /** Signs Connect events (those with `account`: account.updated, account.application.*). */
  connectSecret: string;
  /** Where Connect events go, when the app has a separate Connect endpoint. Defaults to `url`. */
  connectUrl?: string;
  /** Attempts per delivery before giving up (default 3). */
  maxAttempts?: number;
  /** Backoff before the first retry, doubled for each next one (default 20 ms). */
  retryDelayMs?: number;
  /** How long one attempt may take (default 5 s). */
  timeoutMs?: number;
}

export interface DeliveryAttempt {
  eventId: string;
  eventType: string;
  url: string;
  attempt: number;
  /** The endpoint's HTTP status, or null when it could not be reached. */
  status: number | null;
  error: string | null;
  ok: boolean;
  at: Date;
}

/**
 * POSTs events to the app the way Stripe does: JSON body, `Stripe-Signature` made with the endpoint's secret,
 * retried with backoff on a non-2xx answer or a connection failure. Automatic delivery sends events one at a
 * time in the order they happened; tests that want duplicates or a different order turn it off and call
 * deliver() themselves.
 */
export class WebhookDeliverer {
  private endpoint: WebhookEndpoint | null = null;
  private autoDeliver = true;
  private autoQueue: Promise<void> = Promise.resolve();
  private readonly delivered = new Set<string>();
  private readonly attempts: DeliveryAttempt[] = [];
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly openRequests = new Set<http.ClientRequest>();

  constructor(
    private readonly events: EventLog,
    private readonly timers: TimerRegistry,
  ) {
    events.onEmit((event) => {
      if (!this.autoDeliver || !this.endpoint) return;
      // Chained, so automatic deliveries go out one at a time in event order; tracked, so drain() waits for them.
      const ignoreOutcome = () => undefined;
      this.autoQueue = this.track(
        this.autoQueue.then(() => this.deliverWithRetries(event)).then(ignoreOutcome, ignoreOutcome),
      );
    });
  }

  setEndpoint(endpoint: WebhookEndpoint | null): void {
    this.endpoint = endpoint;
  }

  setAutoDeliver(enabled: boolean): void {
    this.autoDeliver = enabled;
  }

  /** Delivers one event `times` times in a row (duplicates on purpose); resolves with each delivery's last attempt. */
  deliver(eventId: string, times = 1): Promise<DeliveryAttempt[]> {
    const event = this.events.find(eventId);
    if (!event) return Promise.reject(new Error(`No event ${eventId} in the Stripe simulator`));
    return this.track(
      (async () => {
        const results: DeliveryAttempt[] = [];
        for (let delivery = 0; delivery < times; delivery += 1)
          results.push(await this.deliverWithRetries(event));
        return results;
      })(),
    );
  }

  /** Delivers, in order, every event no delivery has succeeded for yet. */
  deliverPending(): Promise<DeliveryAttempt[]> {
    const pending = this.events.all().filter((event) => !this.delivered.has(event.id));
    return this.track(
      (async () => {
        const results: DeliveryAttempt[] = [];
        for (const event of pending) results.push(await this.deliverWithRetries(event));
        return results;
      })(),
    );
  }

  /** Waits until no delivery (including retries and queued automatic ones) is running. */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  log(): DeliveryAttempt[] {
    return this.attempts.map((attempt) => ({ ...attempt }));
  }

  close(): void {
    this.endpoint = null;
    for (const request of this.openRequests) request.destroy(new SimulatorClosedError());
  }

  private async deliverWithRetries(event: SimulatedEvent): Promise<DeliveryAttempt> {
    const endpoint = this.endpoint;
    if (!endpoint) throw new Error('No webhook endpoint set: call setWebhookEndpoint() first');
    const maxAttempts = endpoint.maxAttempts ?? 3;
    const retryDelayMs = endpoint.retryDelayMs ?? 20;
    let last: DeliveryAttempt | undefined;
    for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
      last = await this.attemptOnce(endpoint, event, attempt);
      this.attempts.push(last);
      if (last.ok) {
        this.delivered.add(event.id);
        return last;
      }
      if (attempt < maxAttempts) {
        try {
          await this.timers.delay(retryDelayMs * 2 ** (attempt - 1));
        } catch (error) {
          if (error instanceof SimulatorClosedError) return last;
          throw error;
        }
      }
    }
    // maxAttempts is at least 1, so there was an attempt.
    return last as DeliveryAttempt;
  }

  private attemptOnce(
    endpoint: WebhookEndpoint,
    event: SimulatedEvent,
    attempt: number,
  ): Promise<DeliveryAttempt> {
    const isConnectEvent = event.account !== undefined;
    const url = new URL(isConnectEvent ? (endpoint.connectUrl ?? endpoint.url) : endpoint.url);
    // Stripe sends the event pretty-printed; the signature covers exactly these bytes.
    const payload = JSON.stringify(event, null, 2);
    const signature = Stripe.webhooks.generateTestHeaderString({
      payload,
      secret: isConnectEvent ? endpoint.connectSecret : endpoint.secret,
    });
    const record = (status: number | null, error: string | null): DeliveryAttempt => ({
      eventId: event.id,
      eventType: event.type,
      url: url.toString(),
      attempt,
      status,
      error,
      ok: status !== null && status >= 200 && status < 300,
      at: new Date(),
    });

    return new Promise((resolve) => {
      const client = url.protocol === 'https:' ? https : http;
      const request = client.request(url, {
        method: 'POST',
        // A fresh connection per attempt: nothing stays pooled (and open) after the simulator closes.
        agent: false,
        headers: {
          'Content-Type': 'application/json; charset=utf-8',
          'Content-Length': Buffer.byteLength(payload),
          'Stripe-Signature': signature,
          'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
        },
      });
      this.openRequests.add(request);
      request.setTimeout(endpoint.timeoutMs ?? 5000, () => request.destroy(new Error('timed out')));
      request.on('response', (response) => {
        response.resume();
        response.on('end', () => resolve(record(response.statusCode ?? null, null)));
        response.on('error', (error) => resolve(record(null, error.message)));
      });
      request.on('error', (error) => resolve(record(null, error.message)));
      request.on('close', () => this.openRequests.delete(request));
      request.end(payload);
    });
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.inFlight.add(promise);
    const forget = () => this.inFlight.delete(promise);
    promise.then(forget, forget);
    return promise;
  }
}
