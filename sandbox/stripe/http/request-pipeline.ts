import type { IncomingMessage, ServerResponse } from 'node:http';
import Stripe from 'stripe';
import { invalidRequest, OAuthError, StripeApiError, unrecognizedUrl } from '../api/api-error';
import type { ApiRequest, Router } from '../api/router';
import type { FaultDecision, FaultInjector } from '../controls/fault-injector';
import type { IdempotencyStore } from '../controls/idempotency-store';
import type { RateLimiter } from '../controls/rate-limiter';
import type { RequestLog, RequestLogEntry } from '../controls/request-log';
import type { SimulatorCore } from '../core';
import { stripeId } from '../support/ids';
import { SimulatorClosedError, type TimerRegistry } from '../support/timer-registry';
import {
  type ApiResponse,
  errorResponse,
  idempotencyKeyInUse,
  idempotencyKeyReused,
  simulatedServerError,
  tooManyRequests,
} from './api-responses';
import { authenticate, headerValue } from './authentication';
import { parseFormParams, readBody } from './body';
import { handleHostedPage } from './hosted-pages';
import { sendHtml, sendJson, sendRedirect } from './responses';

export interface PipelineDependencies {
  core: SimulatorCore;
  router: Router;
  idempotency: IdempotencyStore;
  rateLimiter: RateLimiter;
  faults: FaultInjector;
  requestLog: RequestLog;
  timers: TimerRegistry;
  configuredKey: string | null;
  /** How long an API request takes to process, so concurrent requests really overlap. */
  latencyMs: () => number;
}

/** Stripe limits idempotency keys to 255 characters. */
const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

/**
 * One HTTP request, in the order Stripe applies things: hosted pages (no key needed), then authentication,
 * rate limiting, routing, injected faults, idempotency, and finally the operation itself.
 */
export class RequestPipeline {
  constructor(private readonly deps: PipelineDependencies) {}

  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = request.method ?? 'GET';
    const url = new URL(request.url ?? '/', 'http://simulator.invalid');
    const entry = this.deps.requestLog.add({
      at: this.deps.core.now(),
      requestId: stripeId('req'),
      method,
      path: url.pathname,
      params: {},
      idempotencyKey: headerValue(request.headers['idempotency-key']),
      stripeAccount: headerValue(request.headers['stripe-account']),
      status: null,
      replayed: false,
      fault: null,
    });
    try {
      const body = await readBody(request);
      entry.params = method === 'POST' ? parseFormParams(body) : parseFormParams(url.search.slice(1));

      const hosted = handleHostedPage(this.deps.core, method, url.pathname, entry.params);
      if (hosted?.kind === 'redirect') {
        entry.status = 302;
        sendRedirect(response, hosted.location);
        return;
      }
      if (hosted) {
        entry.status = hosted.status;
        sendHtml(response, hosted.status, hosted.title, hosted.message);
        return;
      }

      const outcome = await this.answerApiRequest(request, entry);
      if ('hangMs' in outcome) {
        this.hang(response, outcome.hangMs);
        return;
      }
      entry.status = outcome.status;
      // The client may have given up (its own timeout) while the request was being processed.
      if (response.destroyed) return;
      sendJson(response, outcome.status, outcome.body, this.headersFor(request, entry, outcome));
    } catch (error) {
      if (error instanceof SimulatorClosedError || response.destroyed) return;
      // A bug in the simulator: say so loudly, in Stripe's shape, rather than leave the client hanging.
      entry.status = 500;
      const message = `Stripe simulator error: ${error instanceof Error ? error.message : String(error)}`;
      sendJson(response, 500, errorResponse(new StripeApiError(500, 'api_error', message)).body);
    }
  }

  private async answerApiRequest(
    request: IncomingMessage,
    entry: RequestLogEntry,
  ): Promise<ApiResponse | FaultDecision> {
    const { core, router, rateLimiter, faults } = this.deps;
    let caller: ReturnType<typeof authenticate>;
    try {
      caller = authenticate(request.headers, entry.params, core.store, this.deps.configuredKey);
    } catch (error) {
      if (error instanceof StripeApiError) return errorResponse(error);
      throw error;
    }
    entry.stripeAccount = caller.stripeAccount;
    if (!rateLimiter.tryAdmit()) return tooManyRequests(null);

    const match = router.match(entry.method, entry.path);
    if (!match) return errorResponse(unrecognizedUrl(entry.method, entry.path));

    // Which injected faults Stripe's idempotency layer stores (see IdempotencyStore):
    // - `hang` (the request is lost on the way, Stripe never runs it), `429`/`429-no-retry` (the rate limiter
    //   runs before the idempotency layer) and `409-in-use` are answered before the endpoint begins
    //   executing: nothing is stored, and a retry with the same key runs the request for real.
    // - `500` is a failure inside the endpoint after it began executing: nothing is done, and the 500 is
    //   stored, so every retry with the same key within 24 hours gets that same 500 (as Stripe documents).
    // - `commit-then-500`: the endpoint runs and its answer is stored; only this caller's reply is lost (500),
    //   so a retry with the same key replays what was created.
    // A request the idempotency layer answers itself (a replay, 400 or 409) never reaches the endpoint, so
    // a `500` drawn for it has no effect there.
    const fault = faults.decide(entry.method, entry.path);
    entry.fault = fault?.kind ?? null;
    if (fault?.kind === 'hang') return fault;
    if (fault?.kind === '429') return tooManyRequests(true);
    if (fault?.kind === '429-no-retry') return tooManyRequests(false);
    if (fault?.kind === '409-in-use') return idempotencyKeyInUse(entry.idempotencyKey ?? '');

    const apiRequest: ApiRequest = {
      method: entry.method,
      path: entry.path,
      params: entry.params,
      stripeAccount: caller.stripeAccount,
      origin: { requestId: entry.requestId, idempotencyKey: entry.idempotencyKey },
    };
    const run = (): RouteOutcome =>
      fault?.kind === '500'
        ? { response: simulatedServerError(), beganExecuting: true }
        : runRoute(() => match.route.handle(apiRequest, match.pathParams));
    const result =
      entry.method === 'POST' && entry.idempotencyKey !== null
        ? await this.runIdempotently(`${caller.apiKey}|${caller.stripeAccount ?? ''}`, entry, run)
        : (await this.afterLatency(run)).response;
    // "Stripe did it, but the answer was lost": the result is stored for a retry, the caller sees a 500.
    return fault?.kind === 'commit-then-500' ? simulatedServerError() : result;
  }

  private async runIdempotently(
    scope: string,
    entry: RequestLogEntry,
    run: () => RouteOutcome,
  ): Promise<ApiResponse> {
    const key = entry.idempotencyKey ?? '';
    if (key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
      return errorResponse(
        invalidRequest(`Idempotency-Key must be at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters long.`),
      );
    }
    const { idempotency } = this.deps;
    const check = idempotency.begin(scope, key, entry.method, entry.path, entry.params);
    // Answered by the idempotency layer, the request never reaches the endpoint an injected 500 fails in.
    if (check.outcome !== 'new' && entry.fault === '500') entry.fault = null;
    if (check.outcome === 'in_flight') return idempotencyKeyInUse(key);
    if (check.outcome === 'different_endpoint' || check.outcome === 'different_params') {
      return idempotencyKeyReused(key, check.outcome);
    }
    if (check.outcome === 'replay') {
      entry.replayed = true;
      return {
        status: check.response.status,
        body: check.response.body,
        headers: { 'Idempotent-Replayed': 'true', 'Original-Request': check.response.requestId },
      };
    }
    let outcome: RouteOutcome;
    try {
      outcome = await this.afterLatency(run);
    } catch (error) {
      // The simulator closed mid-request, or a bug in it: not Stripe's behaviour to model, so store nothing.
      idempotency.release(scope, key);
      throw error;
    }
    const { response, beganExecuting } = outcome;
    if (beganExecuting) {
      idempotency.complete(scope, key, {
        status: response.status,
        body: response.body,
        requestId: entry.requestId,
      });
    } else {
      idempotency.release(scope, key);
    }
    return response;
  }

  private async afterLatency(run: () => RouteOutcome): Promise<RouteOutcome> {
    const latencyMs = this.deps.latencyMs();
    if (latencyMs > 0) await this.deps.timers.delay(latencyMs);
    return run();
  }

  /** Holds the request without answering, then drops the connection, like a request lost in the network. */
  private hang(response: ServerResponse, hangMs: number): void {
    const { done, cancel } = this.deps.timers.cancellableDelay(hangMs);
    // If the client gives up first (its own timeout), stop waiting so no timer outlives the request.
    response.on('close', cancel);
    done.then(
      () => response.socket?.destroy(),
      () => response.socket?.destroy(),
    );
  }

  private headersFor(
    request: IncomingMessage,
    entry: RequestLogEntry,
    outcome: ApiResponse,
  ): Record<string, string> {
    return {
      'Request-Id': entry.requestId,
      'Stripe-Version': headerValue(request.headers['stripe-version']) ?? Stripe.API_VERSION,
      ...(entry.idempotencyKey ? { 'Idempotency-Key': entry.idempotencyKey } : {}),
      ...(entry.stripeAccount ? { 'Stripe-Account': entry.stripeAccount } : {}),
      ...outcome.headers,
    };
  }
}

/** An endpoint's answer, and whether Stripe would have begun executing it (so its idempotent result is kept). */
interface RouteOutcome {
  response: ApiResponse;
  beganExecuting: boolean;
}

/**
 * Runs a route handler and turns what it throws into the HTTP answer Stripe would give. The body is a snapshot,
 * so a replay later answers exactly what this request answered even after the object has changed.
 */
function runRoute(handle: () => unknown): RouteOutcome {
  try {
    return { response: { status: 200, body: structuredClone(handle()), headers: {} }, beganExecuting: true };
  } catch (error) {
    if (error instanceof StripeApiError) {
      return { response: errorResponse(error), beganExecuting: !isParameterValidationError(error) };
    }
    if (error instanceof OAuthError) {
      return { response: { status: error.status, body: error.toBody(), headers: {} }, beganExecuting: true };
    }
    throw error;
  }
}

/**
 * Stripe checks the parameters (unknown, missing, malformed) before the endpoint begins executing, so such a
 * 400 is not stored under the idempotency key ("most 400s that sent invalid parameters"); 400s the endpoint
 * itself decides, like `balance_insufficient`, are.
 */
function isParameterValidationError(error: StripeApiError): boolean {
  return (
    error.code === 'parameter_missing' ||
    error.code === 'parameter_unknown' ||
    /^parameter_invalid/.test(error.code ?? '')
  );
}
