import { COMMANDS } from '../ids';
import { type EphemeralMessage, ephemeralText } from './ephemeral';

const FINANCE_LINES = [
  `\`${COMMANDS.topup} <amount> [description]\` — request a top-up of the Stripe balance (no arguments opens a form)`,
  `\`${COMMANDS.transfer} @writer <amount> [memo]\` — request a transfer to a connected writer`,
  '`/payouts balance` — available and pending balance, top-ups in flight',
  '`/payouts invite @writer` — send a writer their Stripe onboarding link',
  '`/payouts writers` — writers and what Stripe still needs from them',
  '`/payouts pending` — requests waiting for a decision',
  '`/payouts history [@writer]` — recent transfers and top-ups',
  '`/payouts audit [export [from] [to] | verify]` — the audit trail',
  '`/payouts batch` — a revenue-share payout run from a CSV',
];

const WRITER_LINES = [
  '`/payouts connect` — get a fresh link to connect your Stripe account',
  '`/payouts dashboard` — a link to your Stripe Express dashboard',
];

/** Shows only what this person may use. */
export function helpMessage(isFinance: boolean): EphemeralMessage {
  const lines = isFinance ? [...FINANCE_LINES, ...WRITER_LINES] : WRITER_LINES;
  return ephemeralText(`*Paydesk commands*\n${lines.map((line) => `• ${line}`).join('\n')}`);
}
