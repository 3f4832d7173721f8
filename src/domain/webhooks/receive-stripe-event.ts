import type Stripe from 'stripe';
import type { Logger } from '../../logger';
import type { AuditFact } from '../audit/types';
import type { CrashSwitch } from '../crash-points';
import type { StripeEventsStore } from './ports';
import type { StripeEventHandlers, StripeEventObject } from './registry';

/** What intake did with a verified delivery; the work happens later, from the inbox. */
export type IntakeOutcome = 'queued' | 'duplicate' | 'ignored';
/** What processing a stored event did. */
export type ProcessOutcome = 'processed' | 'unhandled' | 'ignored';

/** Stripe's two webhook endpoints: the platform's own events, and events on connected accounts. */
export type StripeEndpoint = 'platform' | 'connect';

/**
 * Why a verified event was acknowledged without being acted on: signed with the other endpoint's
 * secret, about a connected account Paydesk never created or linked, or about a top-up or
 * transfer Paydesk never made.
 */
export type IgnoreReason = 'wrong_endpoint' | 'unknown_account' | 'unknown_object';

export const STRIPE_EVENT_IGNORED = 'stripe.event_ignored';

export type IntakeResult = { outcome: IntakeOutcome; reason?: IgnoreReason };

export type ReceiveStripeEventDeps = {
  stripeEvents: StripeEventsStore;
  handlers: StripeEventHandlers;
  clock: () => Date;
  logger: Logger;
  crash: CrashSwitch;
};

/** The endpoint an event belongs to: Connect events name the connected account, platform events do not. */
export function endpointOf(event: Pick<Stripe.Event, 'account'>): StripeEndpoint {
  return typeof event.account === 'string' && event.account !== '' ? 'connect' : 'platform';
}

/**
 * Intake, while Stripe waits for its answer: an event signed with the other endpoint's secret is
 * ignored at once (audited, 200, nothing stored); anything else is stored in the inbox with one
 * insert, and a redelivery of a stored event is simply a duplicate. Throws when the inbox cannot
 * store it, so the caller answers 5xx and Stripe delivers again.
 */
export async function acceptStripeEvent(
  event: Stripe.Event,
  body: string,
  deps: ReceiveStripeEventDeps,
  signedFor: readonly StripeEndpoint[],
): Promise<IntakeResult> {
  if (!signedFor.includes(endpointOf(event))) {
    await ignore(event, 'wrong_endpoint', signedFor, deps);
    return { outcome: 'ignored', reason: 'wrong_endpoint' };
  }
  const stored = await deps.stripeEvents.store(event, body, [...signedFor], deps.clock());
  return { outcome: stored === 'stored' ? 'queued' : 'duplicate' };
}

/**
 * Runs a stored event's handlers, from the inbox. An event is acted on only when, for a type some
 * feature acts on, it is about an account and object Paydesk owns; anything else is reported as
 * ignored and changes nothing. Handlers only move state forward with compare-and-set, so a
 * takeover after a crash may safely run them again. Throws when a handler fails (the inbox tries
 * again later).
 */
export async function processStoredEvent(
  event: Stripe.Event,
  deps: ReceiveStripeEventDeps,
  signedFor: readonly StripeEndpoint[],
): Promise<ProcessOutcome> {
  const handlers = deps.handlers.for(event.type);
  const reason = await whyIgnored(event, deps.handlers, signedFor, handlers.length > 0);
  if (reason) {
    await ignore(event, reason, signedFor, deps);
    await deps.stripeEvents.markProcessed(event.id, deps.clock(), { handled: false, ignored: reason });
    return 'ignored';
  }
  for (const handler of handlers) {
    await handler(event);
    deps.crash('mid-webhook');
  }
  await deps.stripeEvents.markProcessed(event.id, deps.clock(), { handled: handlers.length > 0 });
  return handlers.length > 0 ? 'processed' : 'unhandled';
}

async function whyIgnored(
  event: Stripe.Event,
  owners: StripeEventHandlers,
  signedFor: readonly StripeEndpoint[],
  actedOn: boolean,
): Promise<IgnoreReason | undefined> {
  const endpoint = endpointOf(event);
  if (!signedFor.includes(endpoint)) return 'wrong_endpoint';
  // A type nobody acts on changes nothing anyway: it is recorded as unhandled, as before.
  if (!actedOn) return undefined;
  if (endpoint === 'connect' && !(await owners.ownsAccount(event.account as string)))
    return 'unknown_account';
  if (!(await owners.ownsObject(objectOf(event)))) return 'unknown_object';
  return undefined;
}

function objectOf(event: Stripe.Event): StripeEventObject {
  const object = (event.data as { object?: unknown } | undefined)?.object;
  return object && typeof object === 'object' ? (object as StripeEventObject) : {};
}

async function ignore(
  event: Stripe.Event,
  reason: IgnoreReason,
  signedFor: readonly StripeEndpoint[],
  deps: ReceiveStripeEventDeps,
): Promise<void> {
  const object = objectOf(event);
  const details = {
    eventId: event.id,
    type: event.type,
    reason,
    endpoint: endpointOf(event),
    signedFor: [...signedFor],
    account: event.account ?? undefined,
    objectType: typeof object.object === 'string' ? object.object : undefined,
    objectId: typeof object.id === 'string' ? object.id : undefined,
    livemode: event.livemode,
  };
  deps.logger[reason === 'wrong_endpoint' ? 'warn' : 'info'](details, 'stripe event ignored');
  const fact: AuditFact = {
    actor: { kind: 'stripe', eventId: event.id },
    action: STRIPE_EVENT_IGNORED,
    subject: { type: 'stripe_event', id: event.id },
    details,
  };
  await deps.handlers.reportIgnored(fact);
}
