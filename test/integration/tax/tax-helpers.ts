import { parse } from 'csv-parse/sync';
import { renderMessageText } from '../../../sandbox/slack';
import { ACTIONS } from '../../../src/slack/ids';
import { FINANCE, FINANCE_CHANNEL } from '../../support/config';
import type { World } from '../../support/world';

/** `/payouts <text>` from `userId`; what they were answered (ephemeral), as Slack shows it. */
export async function payouts(world: World, userId: string, text: string): Promise<string> {
  const before = world.slack.ephemerals(userId).length;
  await world.send.command({ userId, command: '/payouts', text });
  await world.drain();
  const answers = world.slack.ephemerals(userId);
  if (answers.length === before) throw new Error(`no answer to /payouts ${text}`);
  return renderMessageText(answers.at(-1) ?? {});
}

/** A `/transfer` requested by fin.one and approved by fin.two; resolves with Stripe's transfer id. */
export async function payTransfer(world: World, text: string): Promise<string> {
  await world.send.command({ userId: FINANCE.one, command: '/transfer', text });
  await world.drain();
  const request = world.slack.messages(FINANCE_CHANNEL).at(-1);
  await world.send.blockAction({
    userId: FINANCE.two,
    actionId: ACTIONS.approveTransfer,
    channelId: FINANCE_CHANNEL,
    messageTs: request?.ts as string,
  });
  await world.drain();
  const paid = world.stripe.listTransfers().at(-1);
  if (!paid) throw new Error(`transfer ${text} was not paid`);
  return paid.id;
}

/** The newest file Paydesk shared in a conversation, parsed as CSV with its header. */
export function latestCsv(world: World, channelId: string): Record<string, string>[] {
  const file = world.slack
    .files()
    .filter((f) => f.channelId === channelId)
    .at(-1);
  if (!file) throw new Error(`no file in ${channelId}`);
  return parse(file.content, { columns: true }) as Record<string, string>[];
}

/** Dollars and cents in a CSV (`1234.56`) as cents, exactly. */
export function csvCents(text: string | undefined): number {
  const match = /^(-?)(\d+)\.(\d{2})$/.exec(text ?? '');
  if (!match) throw new Error(`not an amount: ${text}`);
  return (match[1] ? -1 : 1) * (Number(match[2]) * 100 + Number(match[3]));
}
