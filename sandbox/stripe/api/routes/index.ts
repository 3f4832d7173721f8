import type { SimulatorCore } from '../../core';
import type { Route } from '../router';
import { accountLinkRoutes } from './account-link-routes';
import { accountRoutes } from './account-routes';
import { balanceRoutes } from './balance-routes';
import { eventRoutes } from './event-routes';
import { oauthRoutes } from './oauth-routes';
import { topupRoutes } from './topup-routes';
import { transferRoutes } from './transfer-routes';

/** Every API endpoint the simulator answers; anything else is Stripe's "Unrecognized request URL". */
export function allRoutes(core: SimulatorCore): Route[] {
  return [
    ...balanceRoutes(core),
    ...topupRoutes(core),
    ...transferRoutes(core),
    ...accountRoutes(core),
    ...accountLinkRoutes(core),
    ...eventRoutes(core),
    ...oauthRoutes(core),
  ];
}
