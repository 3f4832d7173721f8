import type { OnboardingDeps } from './deps';
import { issueRefreshUrl } from './links';
import { describeRequirements } from './requirements';
import { checkLink } from './start-onboarding';
import { accountSnapshot } from './status';
import type { Writer } from './types';
import { applyAccountSnapshot, writerActor } from './writer-updates';

export type ReturnOutcome =
  | { kind: 'link_invalid' }
  | { kind: 'link_expired' }
  | { kind: 'disconnected' }
  | { kind: 'no_account' }
  | { kind: 'done'; writer: Writer }
  | { kind: 'needs_more'; writer: Writer; needs: string[]; continueUrl: string }
  | { kind: 'in_review'; writer: Writer };

/**
 * GET /connect/return?writer= — the writer left Stripe's onboarding (finished or not). Stripe does
 * not say which, so the account is looked at and applied like a webhook would be.
 */
export async function returnFromStripe(deps: OnboardingDeps, secret: unknown): Promise<ReturnOutcome> {
  const check = await checkLink(deps, secret, 'return');
  if (!check.ok) return { kind: check.reason === 'expired' ? 'link_expired' : 'link_invalid' };
  const { writer } = check;
  if (writer.status === 'deauthorized') return { kind: 'disconnected' };
  const record = await deps.stripeAccounts.findByWriter(writer.id);
  if (!record) return { kind: 'no_account' };
  const snapshot = accountSnapshot(await deps.stripe.retrieveAccount(record.stripeAccountId));
  await applyAccountSnapshot(deps, writer.id, snapshot, {
    trigger: 'return',
    actor: writerActor(writer),
    mode: record.mode,
  });
  const latest = (await deps.writers.findById(writer.id)) ?? writer;
  if (snapshot.transfersActive) return { kind: 'done', writer: latest };
  const needs = describeRequirements(snapshot.requirementsDue);
  if (needs.length === 0) return { kind: 'in_review', writer: latest };
  return { kind: 'needs_more', writer: latest, needs, continueUrl: await issueRefreshUrl(deps, latest) };
}
