import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { NotFinanceError } from '../../../domain/errors';
import type { Services } from '../../../services';
import { ephemeralText } from '../../views/ephemeral';
import { escapeMrkdwn } from '../../views/escape';
import { userFacingError } from '../handle-errors';
import { payoutsAudit } from './payouts/audit';
import type { Subcommand } from './payouts/context';
import { payoutsHelp } from './payouts/help';

type Route = { run: Subcommand; financeOnly: boolean };

/** Subcommands register here; each lives in its own file under payouts/. */
export const PAYOUTS_SUBCOMMANDS: Record<string, Route> = {
  help: { run: payoutsHelp, financeOnly: false },
  audit: { run: payoutsAudit, financeOnly: true },
};

export function payoutsCommand(services: Services) {
  return async ({ command, ack, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const [name = 'help', ...args] = command.text.trim().split(/\s+/).filter(Boolean);
    const route = PAYOUTS_SUBCOMMANDS[name.toLowerCase()];
    try {
      const isFinance = await services.finance.isMember(command.user_id);
      if (!route) {
        await respond(
          ephemeralText(`\`/payouts ${escapeMrkdwn(name)}\` isn't a Paydesk command. Try \`/payouts help\`.`),
        );
        return;
      }
      if (route.financeOnly && !isFinance) throw new NotFinanceError();
      await route.run({ services, command, args, respond, isFinance });
    } catch (error) {
      await respond(userFacingError(error, services.logger));
    }
  };
}
