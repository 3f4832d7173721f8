import { PaydeskError } from '../../../../domain/errors';
import { quoteInput } from '../../../../domain/mrkdwn';
import { parseUserMention } from '../../../../domain/transfers/request-transfer';
import { historyMessage, referenceHistoryMessage } from '../../../views/requests-list';
import type { Subcommand } from './context';

const LIMIT = 20;
const TRANSFER_REF = /^TR-\d{4,}$/i;

export const payoutsHistory: Subcommand = async ({ services, respond, args, command }) => {
  const [who] = args;
  if (who && TRANSFER_REF.test(who)) {
    // A transfer by the reference people know: every attempt, a retry included.
    const ref = who.toUpperCase();
    await respond(referenceHistoryMessage(ref, await services.transferDeps.transfers.findByRef(ref)));
    return;
  }
  if (who) {
    const userId = parseUserMention(who);
    if (!userId)
      throw new PaydeskError(
        'bad_mention',
        `${quoteInput(who)} isn't a Slack mention or a transfer reference. Try \`/payouts history @writer\` or \`/payouts history TR-0003\`.`,
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
