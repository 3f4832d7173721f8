import type Stripe from 'stripe';

export type StripeEventHandler = (event: Stripe.Event) => Promise<void>;

/** Features register what they do with each Stripe event type; intake knows none of them. */
export class StripeEventHandlers {
  private readonly handlers = new Map<string, StripeEventHandler[]>();

  on(type: string, handler: StripeEventHandler): this {
    const list = this.handlers.get(type) ?? [];
    list.push(handler);
    this.handlers.set(type, list);
    return this;
  }

  for(type: string): StripeEventHandler[] {
    return this.handlers.get(type) ?? [];
  }

  types(): string[] {
    return [...this.handlers.keys()];
  }
}
