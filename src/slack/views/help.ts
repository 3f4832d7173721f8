import { COMMANDS } from '../ids';
import { type EphemeralMessage, ephemeralText } from './ephemeral';
import { escapeMrkdwn } from './escape';

const FINANCE_LINES = [
  `\`${COMMANDS.topup} <amount> [description]\` — request a top-up of the Stripe balance (no arguments opens a form)`,
  `\`${COMMANDS.transfer} @writer <amount> [memo]\` — request a transfer to a connected writer`,
  '`/payouts balance` — available and pending balance, top-ups in flight',
  '`/payouts invite @writer` — send a writer their Stripe onboarding link',
  '`/payouts writers` — writers and what Stripe still needs from them',
  '`/payouts pending` — requests waiting for a decision',
  '`/payouts history [@writer | TR-0003]` — recent transfers and top-ups, or every attempt of one transfer',
  '`/payouts audit [export [from] [to] | verify]` — the audit trail',
  '`/payouts batch` — a revenue-share payout run from a CSV',
  '`/payouts tax [year]` — the 1099-NEC meter: who is at or near the threshold, whose tax details Stripe lacks',
  '`/payouts tax export [year]` — a CSV per writer paid that year, for the accountant',
  "`/payouts statement @writer [year]` — a writer's payments and reversals in a year, with a CSV",
];

const WRITER_LINES = [
  '`/payouts connect` — get a fresh link to connect your Stripe account',
  '`/payouts dashboard` — a link to your Stripe Express dashboard',
  '`/payouts statement [year]` — your payments and reversals in a year, with a CSV',
];

/**
 * Shows only what this person may use. Escaped, because Slack reads `<amount>` as a link or
 * mention (even between backticks) and shows nothing; `&lt;amount&gt;` reads as <amount>.
 */
export function helpMessage(isFinance: boolean): EphemeralMessage {
  const lines = isFinance ? [...FINANCE_LINES, ...WRITER_LINES] : WRITER_LINES;
  return ephemeralText(`*Paydesk commands*\n${lines.map((line) => `• ${escapeMrkdwn(line)}`).join('\n')}`);
}
