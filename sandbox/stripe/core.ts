import { EventLog } from './events/event-log';
import { Ledger } from './state/ledger';
import { SimulatorStore } from './state/store';
import { stripeId } from './support/ids';
import { toUnixSeconds } from './support/time';

/** The simulated Stripe's state and clock, shared by the HTTP routes, the hosted pages and the test helpers. */
export interface SimulatorCore {
  readonly store: SimulatorStore;
  readonly ledger: Ledger;
  readonly events: EventLog;
  /** The platform's own account id, answered by GET /v1/account. */
  readonly platformAccountId: string;
  now(): Date;
  nowSeconds(): number;
  /** Where the simulator listens, for the links it hands out; known once the server is bound. */
  baseUrl: string;
}

export function createSimulatorCore(clock: () => Date): SimulatorCore {
  return {
    store: new SimulatorStore(),
    ledger: new Ledger(),
    events: new EventLog(clock),
    platformAccountId: stripeId('acct'),
    now: clock,
    nowSeconds: () => toUnixSeconds(clock()),
    baseUrl: '',
  };
}
