import { stripeAccountsRepository } from '../../../src/db/repositories/stripe-accounts';
import { writersRepository } from '../../../src/db/repositories/writers';
import { FINANCE } from '../../support/config';
import type { BatchOutcome } from '../protocol';
import type { BenchWorld } from '../world';

/** The sandbox Stripe's rate limit in test mode, as Stripe's own. */
export const STRIPE_TEST_MODE_LIMIT = 25;

export type BatchRow = BatchOutcome & {
  simulatorLimitPerSecond: number;
  /** lines / the configured pace: no run can be faster without passing it. */
  floorMs: number;
  ratio: number;
  /** 429s the simulator answered during the run. */
  rateLimited: number;
};

/**
 * `count` writers, each linked to an activated Express account in the Stripe simulator and
 * `active` in Paydesk, written straight to the database (test/support/writers.ts does the same,
 * one webhook at a time). Their account.updated events stay in the simulator for the webhook phase.
 */
export async function seedWriters(world: BenchWorld, count: number): Promise<string[]> {
  const writers = writersRepository(world.db.models);
  const accounts = stripeAccountsRepository(world.db.models);
  const teamId = world.slack.teamId;
  const ids = Array.from({ length: count }, (_, i) => `UBENCHW${String(i).padStart(5, '0')}`);
  const seedOne = async (userId: string, i: number) => {
    const email = `writer.${i}@example.com`;
    world.slack.addUser({ id: userId, name: `writer.${i}`, realName: `Writer ${i}`, email });
    const account = world.stripe.createConnectedAccount({ email, activate: true });
    const now = new Date();
    const { writer } = await writers.createOrFind({
      slackTeamId: teamId,
      slackUserId: userId,
      email,
      displayName: `Writer ${i}`,
      firstName: 'Writer',
      status: 'invited',
      stripeAccountId: null,
      capabilities: {},
      payoutsEnabled: false,
      requirementsDue: [],
      invitedBy: { teamId, userId: FINANCE.one },
      invitedAt: now,
      connectedAt: null,
      statusChangedAt: now,
      accountGeneration: 0,
      updatedAt: now,
    });
    await accounts.insert({
      stripeAccountId: account.id,
      writerId: writer.id,
      mode: 'account_links',
      livemode: false,
      createdAt: now,
    });
    const capabilities = Object.fromEntries(
      Object.entries(account.capabilities ?? {}).filter(
        (entry): entry is [string, string] => typeof entry[1] === 'string',
      ),
    );
    const active = await writers.update(
      writer,
      { status: 'active', stripeAccountId: account.id, connectedAt: now, capabilities, payoutsEnabled: true },
      now,
    );
    if (active?.status !== 'active') throw new Error(`could not seed writer ${userId}`);
  };
  for (let i = 0; i < ids.length; i += 25) {
    await Promise.all(ids.slice(i, i + 25).map((id, j) => seedOne(id, i + j)));
  }
  return ids;
}

/** One payout run of `writerUserIds.length` lines against the simulator's 25/s limit. */
export async function batchPhase(world: BenchWorld, writerUserIds: string[]): Promise<BatchRow> {
  world.stripe.setRateLimit(STRIPE_TEST_MODE_LIMIT);
  const rateLimitedBefore = world.stripe.rateLimitedCount();
  try {
    const outcome = await world.measure('batch', writerUserIds.length, async () => {
      const result = await world.paydesk.batch({
        teamId: world.slack.teamId,
        requester: FINANCE.one,
        approvers: [FINANCE.two, FINANCE.three],
        writerUserIds,
      });
      await world.paydesk.drain();
      return result;
    });
    const floorMs = (outcome.lines / outcome.perSecond) * 1000;
    return {
      ...outcome,
      simulatorLimitPerSecond: STRIPE_TEST_MODE_LIMIT,
      floorMs,
      ratio: outcome.wallMs / floorMs,
      rateLimited: world.stripe.rateLimitedCount() - rateLimitedBefore,
    };
  } finally {
    world.stripe.setRateLimit(null);
  }
}
