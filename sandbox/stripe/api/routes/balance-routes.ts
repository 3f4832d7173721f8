import type { SimulatorCore } from '../../core';
import { PLATFORM } from '../../state/ledger';
import { rejectUnknownParams } from '../params';
import type { Route } from '../router';

export function balanceRoutes(core: SimulatorCore): Route[] {
  return [
    {
      method: 'GET',
      path: '/v1/balance',
      handle: (request) => {
        rejectUnknownParams(request.params, []);
        // With Stripe-Account this is the connected account's balance: what transfers brought it.
        return core.ledger.toStripeBalance(request.stripeAccount ?? PLATFORM);
      },
    },
  ];
}
