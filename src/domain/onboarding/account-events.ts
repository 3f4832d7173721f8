import type { AuditActor } from '../audit/types';
import type { OnboardingDeps } from './deps';
import { accountSnapshot } from './status';
import { applyAccountSnapshot, notifySafely, updateWriter, writerSubject } from './writer-updates';

/**
 * `account.updated` / `capability.updated`: Stripe's news about a connected account. The event is
 * only a nudge: the account is retrieved, so a late or reordered event applies today's truth rather
 * than yesterday's, and a duplicate finds nothing to change (and tells nobody).
 */
export async function onAccountChanged(
  deps: OnboardingDeps,
  stripeAccountId: string,
  actor: AuditActor,
): Promise<void> {
  const record = await deps.stripeAccounts.findByAccountId(stripeAccountId);
  if (!record) return; // not one of our writers (or not recorded yet: the OAuth callback applies it then)
  const writer = await deps.writers.findById(record.writerId);
  if (!writer || writer.status === 'deauthorized') return;
  let account: Awaited<ReturnType<OnboardingDeps['stripe']['retrieveAccount']>>;
  try {
    account = await deps.stripe.retrieveAccount(stripeAccountId);
  } catch (error) {
    const status = (error as { statusCode?: number }).statusCode;
    // No longer reachable (deauthorized in the meantime): account.application.deauthorized says so.
    if (status === 403 || status === 404) {
      deps.logger.warn(
        { stripeAccountId, writerId: writer.id },
        'account event for an account we can no longer read',
      );
      return;
    }
    throw error; // Stripe delivers the event again later
  }
  await applyAccountSnapshot(deps, writer.id, accountSnapshot(account), {
    trigger: 'webhook',
    actor,
    mode: record.mode,
  });
}

/** `account.application.deauthorized`: the writer disconnected Paydesk; finance is told once. */
export async function onDeauthorized(
  deps: OnboardingDeps,
  stripeAccountId: string,
  actor: AuditActor,
): Promise<void> {
  const record = await deps.stripeAccounts.findByAccountId(stripeAccountId);
  if (!record) return;
  const result = await updateWriter(deps, record.writerId, (writer) =>
    writer.status === 'deauthorized'
      ? undefined
      : {
          changes: { status: 'deauthorized' as const, payoutsEnabled: false, statusChangedAt: deps.clock() },
        },
  );
  if (!result) return;
  await deps.audit.append({
    actor,
    action: 'writer.deauthorized',
    subject: writerSubject(result.after),
    details: { stripeAccountId, from: result.before.status },
  });
  await notifySafely(deps, { kind: 'deauthorized', writer: result.after, stripeAccountId });
}
