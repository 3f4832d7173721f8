import type Stripe from 'stripe';
import type { StripeEventHandler } from '../webhooks/registry';
import { onAccountChanged, onDeauthorized } from './account-events';
import type { OnboardingDeps } from './deps';

/** The Connect account of an event: `event.account` on Connect events, else the object's own. */
function accountOf(event: Stripe.Event): string | undefined {
  if (event.account) return event.account;
  const object = event.data.object as { object?: string; id?: string; account?: unknown };
  if (object.object === 'account' && typeof object.id === 'string') return object.id;
  if (typeof object.account === 'string') return object.account;
  return undefined;
}

/** Stripe events writer onboarding acts on, for src/webhooks.ts to register. */
export function onboardingEventHandlers(deps: OnboardingDeps): [string, StripeEventHandler][] {
  const changed: StripeEventHandler = async (event) => {
    const account = accountOf(event);
    if (!account) return;
    if (event.type === 'capability.updated' && (event.data.object as { id?: string }).id !== 'transfers')
      return;
    await onAccountChanged(deps, account, { kind: 'stripe', eventId: event.id });
  };
  return [
    ['account.updated', changed],
    ['capability.updated', changed],
    [
      'account.application.deauthorized',
      async (event) => {
        if (event.account) await onDeauthorized(deps, event.account, { kind: 'stripe', eventId: event.id });
      },
    ],
  ];
}
