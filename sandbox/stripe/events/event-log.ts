import Stripe from 'stripe';
import { stripeId } from '../support/ids';
import { toUnixSeconds } from '../support/time';

/** A Stripe event as delivered to webhook endpoints and listed by GET /v1/events. */
export interface SimulatedEvent {
  id: string;
  object: 'event';
  api_version: string;
  created: number;
  livemode: false;
  type: string;
  data: { object: unknown; previous_attributes?: Record<string, unknown> };
  /** Present on Connect events, i.e. events about a connected account; those go to the Connect endpoint. */
  account?: string;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
}

/** The API request that caused an event; events from the time helpers have none, like Stripe's automatic ones. */
export interface RequestOrigin {
  requestId: string;
  idempotencyKey: string | null;
}

export interface EmitOptions {
  account?: string;
  origin?: RequestOrigin;
  previousAttributes?: Record<string, unknown>;
}

/** Records every event in order and tells listeners (the webhook deliverer) about each new one. */
export class EventLog {
  private readonly emitted: SimulatedEvent[] = [];
  private readonly listeners: Array<(event: SimulatedEvent) => void> = [];

  constructor(private readonly now: () => Date) {}

  emit(type: string, object: unknown, options: EmitOptions = {}): SimulatedEvent {
    const event: SimulatedEvent = {
      id: stripeId('evt'),
      object: 'event',
      api_version: Stripe.API_VERSION,
      created: toUnixSeconds(this.now()),
      livemode: false,
      type,
      // A snapshot: later changes to the object must not rewrite history.
      data: {
        object: structuredClone(object),
        ...(options.previousAttributes
          ? { previous_attributes: structuredClone(options.previousAttributes) }
          : {}),
      },
      ...(options.account ? { account: options.account } : {}),
      pending_webhooks: 1,
      request: {
        id: options.origin?.requestId ?? null,
        idempotency_key: options.origin?.idempotencyKey ?? null,
      },
    };
    this.emitted.push(event);
    for (const listener of this.listeners) listener(event);
    return event;
  }

  all(): readonly SimulatedEvent[] {
    return this.emitted;
  }

  find(id: string): SimulatedEvent | undefined {
    return this.emitted.find((event) => event.id === id);
  }

  onEmit(listener: (event: SimulatedEvent) => void): void {
    this.listeners.push(listener);
  }
}

/** The top-level fields of `before` that differ in `after`, with their old values (Stripe's previous_attributes). */
export function previousAttributes(before: object, after: object): Record<string, unknown> {
  const changed: Record<string, unknown> = {};
  const afterFields = after as Record<string, unknown>;
  for (const [key, value] of Object.entries(before)) {
    if (JSON.stringify(value) !== JSON.stringify(afterFields[key])) changed[key] = value;
  }
  return changed;
}
