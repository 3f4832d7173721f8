import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { NotFinanceError } from '../../../domain/errors';
import type { Services } from '../../../services';
import { ephemeralText } from '../../views/ephemeral';
import { escapeMrkdwn } from '../../views/escape';
import { afterAck } from '../after-ack';
import { payoutsAudit } from './payouts/audit';
import { payoutsBalance } from './payouts/balance';
import type { Subcommand } from './payouts/context';
import { payoutsHelp } from './payouts/help';

type Route = { run: Subcommand; financeOnly: boolean };

/** Subcommands register here; each lives in its own file under payouts/. */
export const PAYOUTS_SUBCOMMANDS: Record<string, Route> = {
  help: { run: payoutsHelp, financeOnly: false },
  audit: { run: payoutsAudit, financeOnly: true },
  balance: { run: payoutsBalance, financeOnly: true },
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
