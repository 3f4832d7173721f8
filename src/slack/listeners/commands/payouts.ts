import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { Services } from '../../../app/services';
import { NotFinanceError } from '../../../domain/errors';
import { ephemeralText } from '../../views/ephemeral';
import { escapeMrkdwn } from '../../views/escape';
import { afterAck } from '../after-ack';
import { payoutsAudit } from './payouts/audit';
import { payoutsBalance } from './payouts/balance';
import { payoutsBatch } from './payouts/batch';
import { payoutsConnect } from './payouts/connect';
import type { Subcommand } from './payouts/context';
import { payoutsDashboard } from './payouts/dashboard';
import { payoutsHelp } from './payouts/help';
import { payoutsHistory } from './payouts/history';
import { payoutsInvite } from './payouts/invite';
import { payoutsPending } from './payouts/pending';
import { payoutsStatement } from './payouts/statement';
import { payoutsTax } from './payouts/tax';
import { payoutsWriters } from './payouts/writers';

type Route = { run: Subcommand; financeOnly: boolean };

/** Subcommands register here; each lives in its own file under payouts/. */
export const PAYOUTS_SUBCOMMANDS: Record<string, Route> = {
  help: { run: payoutsHelp, financeOnly: false },
  audit: { run: payoutsAudit, financeOnly: true },
  balance: { run: payoutsBalance, financeOnly: true },
  pending: { run: payoutsPending, financeOnly: true },
  history: { run: payoutsHistory, financeOnly: true },
  invite: { run: payoutsInvite, financeOnly: true },
  writers: { run: payoutsWriters, financeOnly: true },
  batch: { run: payoutsBatch, financeOnly: true },
  connect: { run: payoutsConnect, financeOnly: false },
  dashboard: { run: payoutsDashboard, financeOnly: false },
  tax: { run: payoutsTax, financeOnly: true },
  // Open to writers for their own statement; the subcommand refuses anyone else's.
  statement: { run: payoutsStatement, financeOnly: false },
};

export function payoutsCommand(services: Services) {
  return async ({ command, ack, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const [name = 'help', ...args] = command.text.trim().split(/\s+/).filter(Boolean);
    const route = PAYOUTS_SUBCOMMANDS[name.toLowerCase()];
    afterAck(
      services,
      `/payouts ${name}`,
      async () => {
        const isFinance = await services.finance.isMember(command.user_id);
        if (!route) {
          await respond(
            ephemeralText(
              `\`/payouts ${escapeMrkdwn(name)}\` isn't a Paydesk command. Try \`/payouts help\`.`,
            ),
          );
          return;
        }
        if (route.financeOnly && !isFinance) throw new NotFinanceError();
        await route.run({ services, command, args, respond, isFinance });
      },
      respond,
    );
  };
}
