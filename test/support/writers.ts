import type { Writer } from '../../src/domain/onboarding/types';
import type { World } from './world';

/**
 * A writer linked to a real Express account in the Stripe simulator, moved to `active` (or
 * `restricted`) by Stripe's own account.updated webhook. (The onboarding flow itself is tested in
 * test/integration/onboarding.)
 */
export async function seedConnectedWriter(
  world: World,
  writer: { id: string; email: string; name: string },
  options: { status?: Writer['status'] } = {},
): Promise<Writer> {
  const account = world.stripe.createConnectedAccount({ email: writer.email });
  const deps = world.app.services.onboardingDeps;
  const now = new Date();
  const { writer: stored } = await deps.writers.createOrFind({
    slackTeamId: world.slack.teamId,
    slackUserId: writer.id,
    email: writer.email,
    displayName: writer.name,
    firstName: writer.name.split('.')[0] ?? null,
    status: 'invited',
    stripeAccountId: null,
    capabilities: {},
    payoutsEnabled: false,
    requirementsDue: [],
    invitedBy: { teamId: world.slack.teamId, userId: 'UFIN0001' },
    invitedAt: now,
    connectedAt: null,
    statusChangedAt: now,
    accountGeneration: 0,
    updatedAt: now,
  });
  await deps.stripeAccounts.insert({
    stripeAccountId: account.id,
    writerId: stored.id,
    mode: 'account_links',
    livemode: false,
    createdAt: now,
  });
  const linked = await deps.writers.update(
    stored,
    { status: 'onboarding', stripeAccountId: account.id, connectedAt: now },
    now,
  );
  if (!linked) throw new Error('could not seed the writer');
  // Stripe's account.updated webhook moves the writer on, as in production.
  world.stripe.activateAccount(account.id);
  await world.drain();
  if (options.status === 'restricted') {
    world.stripe.restrictAccount(account.id, ['external_account']);
    await world.drain();
  }
  const seeded = await deps.writers.findById(stored.id);
  if (seeded?.status !== (options.status ?? 'active')) throw new Error(`seeded writer is ${seeded?.status}`);
  return seeded;
}
