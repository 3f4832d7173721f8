import { PaydeskError } from '../../../../domain/errors';
import { balanceMessage } from '../../../views/balance';
import type { Subcommand } from './context';

export const payoutsBalance: Subcommand = async ({ services, respond }) => {
  const [balance, inFlight] = await Promise.all([
    services.gateway.balance().catch(() => {
      throw new PaydeskError(
        'stripe_unavailable',
        "Stripe didn't answer, so the balance isn't available. Try again in a minute.",
      );
    }),
    services.topupDeps.topups.inFlight(),
  ]);
  await respond(balanceMessage(balance, inFlight));
};
