import type { SlackUserRef } from '../requests/types';
import type { OnboardingDeps } from './deps';
import {
  DashboardUnavailableError,
  NotConnectedYetError,
  NotInvitedError,
  WriterDisconnectedError,
} from './errors';
import type { Writer } from './types';
import { writerActor, writerSubject } from './writer-updates';

/** `/payouts dashboard`: a fresh single-use Express dashboard login link, by DM. */
export async function sendDashboardLink(
  deps: OnboardingDeps,
  who: SlackUserRef,
): Promise<{ writer: Writer }> {
  const { writer, url } = await createDashboardLink(deps, who);
  await deps.notifier.notify({ kind: 'dashboard', writer, url });
  return { writer };
}

/**
 * A fresh single-use Express dashboard login link for the writer who asked, made now (Stripe's
 * links work once, for minutes) and handed to the caller only: never stored or logged.
 */
export async function createDashboardLink(
  deps: OnboardingDeps,
  who: SlackUserRef,
): Promise<{ writer: Writer; url: string }> {
  const writer = await deps.writers.findBySlackUser(who.teamId, who.userId);
  if (!writer) throw new NotInvitedError();
  if (writer.status === 'deauthorized') throw new WriterDisconnectedError();
  const record = await deps.stripeAccounts.findByWriter(writer.id);
  if (!record || writer.connectedAt === null) throw new NotConnectedYetError();
  let url: string;
  try {
    url = (await deps.stripe.createLoginLink(record.stripeAccountId)).url;
  } catch (error) {
    deps.logger.warn({ err: error, writerId: writer.id }, 'login link not created');
    throw new DashboardUnavailableError();
  }
  await deps.audit.append({
    actor: writerActor(writer),
    action: 'writer.dashboard_link_sent',
    subject: writerSubject(writer),
    details: { stripeAccountId: record.stripeAccountId },
  });
  return { writer, url };
}

/** `/payouts writers`: everyone invited, in the order finance cares about (problems first). */
export async function listWriters(deps: OnboardingDeps, limit = 100): Promise<Writer[]> {
  const order = { restricted: 0, onboarding: 1, invited: 2, active: 3, deauthorized: 4 } as const;
  const writers = await deps.writers.list(limit);
  return writers.sort(
    (a, b) => order[a.status] - order[b.status] || a.displayName.localeCompare(b.displayName),
  );
}
