import { parse } from 'csv-parse/sync';
import { Types } from 'mongoose';
import { renderMessageText } from '../../../sandbox/slack';
import { requestPayoutRun } from '../../../src/domain/batch/request-run';
import type { PayoutRunHeader, PayoutRunStatus } from '../../../src/domain/batch/types';
import { ACTIONS } from '../../../src/slack/ids';
import { FINANCE, FINANCE_CHANNEL } from '../../support/config';
import type { TestPaydesk } from '../../support/paydesk';
import type { World } from '../../support/world';

export type SeededWriter = { id: string; slackUserId: string; email: string; stripeAccountId: string };

/**
 * `count` active writers with activated Express accounts in the Stripe simulator and users in
 * the Slack simulator, written straight to the database (the onboarding flow has its own tests;
 * going through it 1,000 times would only make this suite slow).
 */
export async function seedWriters(world: World, count: number, prefix = 'B'): Promise<SeededWriter[]> {
  const now = new Date();
  const writers: SeededWriter[] = [];
  world.stripe.setAutoDeliver(false);
  try {
    for (let i = 1; i <= count; i += 1) {
      const n = String(i).padStart(5, '0');
      const slackUserId = `U${prefix}${n}`;
      const email = `writer.${prefix.toLowerCase()}${n}@example.com`;
      const account = world.stripe.createConnectedAccount({ email, activate: true });
      world.slack.addUser({ id: slackUserId, name: `writer.${n}`, realName: `Writer ${n}`, email });
      writers.push({ id: new Types.ObjectId().toString(), slackUserId, email, stripeAccountId: account.id });
    }
  } finally {
    world.stripe.setAutoDeliver(true);
  }
  const models = world.app.db.models;
  await models.writers.insertMany(
    writers.map((writer) => ({
      _id: new Types.ObjectId(writer.id),
      slackTeamId: world.slack.teamId,
      slackUserId: writer.slackUserId,
      email: writer.email,
      displayName: writer.slackUserId,
      firstName: null,
      status: 'active',
      stripeAccountId: writer.stripeAccountId,
      capabilities: { transfers: 'active' },
      payoutsEnabled: true,
      requirementsDue: [],
      invitedBy: { teamId: world.slack.teamId, userId: FINANCE.one },
      invitedAt: now,
      connectedAt: now,
      statusChangedAt: now,
      accountGeneration: 1,
      rev: 1,
      updatedAt: now,
    })),
  );
  await models.stripeAccounts.insertMany(
    writers.map((writer) => ({
      stripeAccountId: writer.stripeAccountId,
      writerId: writer.id,
      mode: 'account_links',
      livemode: false,
      createdAt: now,
    })),
  );
  return writers;
}

/** The domain entry point (what the Slack form calls), for runs larger than a Slack text input. */
export function requestRun(
  app: TestPaydesk,
  world: World,
  csv: string,
  options: { sharePercent?: string; defaultMemo?: string; userId?: string } = {},
) {
  return requestPayoutRun(app.services.batchDeps, {
    csv,
    sharePercent: options.sharePercent,
    defaultMemo: options.defaultMemo,
    requestedBy: { teamId: world.slack.teamId, userId: options.userId ?? FINANCE.one },
    source: 'api',
  });
}

export async function clickOnRun(
  world: World,
  run: PayoutRunHeader,
  userId: string,
  actionId: string,
  replica = 0,
) {
  const sender = world.senders[replica] ?? world.send;
  // The run's id as the value, as a stale client would still send it after the button is gone.
  await sender.blockAction({
    userId,
    actionId,
    value: run.id,
    channelId: FINANCE_CHANNEL,
    messageTs: run.slackMessage?.ts as string,
  });
}

export function approve(world: World, run: PayoutRunHeader, userId = FINANCE.two, replica = 0) {
  return clickOnRun(world, run, userId, ACTIONS.approveBatch, replica);
}

/**
 * A run of `lines` $20.00 lines, approved with $45.00 available: two lines are paid and the run
 * pauses for balance. Returns the paused run (its thread and message drained).
 */
export async function runPausedForBalance(world: World, lines: number, prefix: string) {
  const writers = await seedWriters(world, lines, prefix);
  world.stripe.setAvailableBalance(4_500);
  const { run } = await requestRun(
    world.app,
    world,
    ['writer,amount', ...writers.map((writer) => `${writer.email},20.00`)].join('\n'),
  );
  await approve(world, run);
  const paused = await waitForRun(world.app, run.id, ['paused']);
  await world.drain();
  return { run, paused };
}

export async function waitForRun(
  app: TestPaydesk,
  runId: string,
  statuses: PayoutRunStatus[],
  timeoutMs = 30_000,
): Promise<PayoutRunHeader> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await app.services.batchDeps.runs.loadHeader(runId);
    if (run && statuses.includes(run.status) && (run.status !== 'completed' || run.summaryState === 'posted'))
      return run;
    if (Date.now() > deadline)
      throw new Error(`run ${runId} is ${run?.status}/${run?.summaryState}, not ${statuses.join('|')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function runMessageText(world: World, run: PayoutRunHeader): string {
  const message = world.slack.messages(FINANCE_CHANNEL).find((m) => m.ts === run.slackMessage?.ts);
  return renderMessageText(message ?? {});
}

/** Replies in the run's thread, rendered. */
export function threadTexts(world: World, run: PayoutRunHeader): string[] {
  return world.slack
    .messages(FINANCE_CHANNEL)
    .filter((m) => m.threadTs === run.slackMessage?.ts)
    .map((m) => renderMessageText(m));
}

export type ResultRow = Record<string, string>;

export function resultsCsvOf(world: World, run: PayoutRunHeader): ResultRow[] {
  const file = world.slack.files().find((f) => f.filename === `paydesk-${run.ref}-results.csv`);
  if (!file) throw new Error(`no results CSV for ${run.ref}`);
  return parse(file.content, { columns: true }) as ResultRow[];
}

/** Independent of the app's code: cents × ppm / 10⁶ rounded half-up, with BigInt. */
export function expectedShare(revenueCents: number, ppm: number): number {
  const product = BigInt(revenueCents) * BigInt(ppm);
  return Number((product * 2n + 1_000_000n) / 2_000_000n);
}
