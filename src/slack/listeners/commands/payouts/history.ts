import { PaydeskError } from '../../../../domain/errors';
import { quoteInput } from '../../../../domain/mrkdwn';
import { parseUserMention } from '../../../../domain/transfers/request-transfer';
import { historyMessage } from '../../../views/requests-list';
import type { Subcommand } from './context';

const LIMIT = 20;

export const payoutsHistory: Subcommand = async ({ services, respond, args, command }) => {
  const [who] = args;
  if (who) {
    const userId = parseUserMention(who);
    if (!userId)
      throw new PaydeskError(
        'bad_mention',
        `${quoteInput(who)} isn't a Slack mention. Try \`/payouts history @writer\`.`,
      );
    const writer = await services.onboardingDeps.writers.findBySlackUser(command.team_id, userId);
    const transfers = writer
      ? await services.transferDeps.transfers.history({ writerId: writer.id }, LIMIT)
      : [];
    await respond(
      historyMessage(
        transfers.map((request) => ({ kind: 'transfer' as const, request })),
        userId,
      ),
    );
    return;
  }
  const [topups, transfers] = await Promise.all([
    services.topupDeps.topups.listRecent(LIMIT),
    services.transferDeps.transfers.history({}, LIMIT),
  ]);
  const items = [
    ...topups.map((request) => ({ kind: 'topup' as const, request })),
    ...transfers.map((request) => ({ kind: 'transfer' as const, request })),
  ]
    .sort((a, b) => b.request.requestedAt.getTime() - a.request.requestedAt.getTime())
    .slice(0, LIMIT);
  await respond(historyMessage(items));
};
