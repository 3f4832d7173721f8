import { classifyStripeError } from '../../stripe/errors';
import { expectedAvailability } from '../settlement';
import type { TopupDeps } from './deps';
import type { Topup } from './types';

const SYSTEM = { kind: 'system', process: 'paydesk' } as const;

/**
 * approved → submitting → pending | failed. The Stripe call carries the idempotency key stored
 * with the request, so a retry (by us, stripe-node or the reconciler) can never make a second
 * top-up. When Stripe's answer is unknown the request stays `submitting` for the reconciler.
 */
export async function submitTopup(deps: TopupDeps, id: string): Promise<Topup | undefined> {
  const submitting = await deps.topups.transition(id, 'approved', 'submitting', {
    submittedAt: deps.clock(),
  });
  if (!submitting) return deps.topups.load(id);
  await deps.notifier.refresh(submitting);
  return driveSubmission(deps, submitting);
}

/** Calls Stripe for a top-up already in `submitting`; also used by the reconciler. */
export async function driveSubmission(deps: TopupDeps, topup: Topup): Promise<Topup | undefined> {
  let stripeTopup: Awaited<ReturnType<TopupDeps['stripe']['createTopup']>>;
  try {
    stripeTopup = await deps.stripe.createTopup(
      {
        amountCents: topup.amountCents,
        description: topup.description,
        statementDescriptor: topup.statementDescriptor,
        requestId: topup.id,
        ref: topup.ref,
      },
      topup.idempotencyKey,
    );
  } catch (error) {
    const failure = classifyStripeError(error);
    if (failure.kind === 'unknown') {
      deps.logger.warn(
        { ref: topup.ref, code: failure.code },
        'top-up outcome unknown; the reconciler will retry',
      );
      await deps.audit.append({
        actor: SYSTEM,
        action: 'topup.submit_uncertain',
        subject: { type: 'topup', id: topup.ref },
        details: { requestId: topup.id, code: failure.code },
      });
      return deps.topups.load(topup.id);
    }
    const failed = await deps.topups.transition(topup.id, 'submitting', 'failed', {
      failure: { code: failure.code, message: failure.message },
    });
    if (failed) {
      await deps.audit.append({
        actor: SYSTEM,
        action: 'topup.failed',
        subject: { type: 'topup', id: topup.ref },
        details: {
          requestId: topup.id,
          amountCents: topup.amountCents,
          code: failure.code,
          message: failure.message,
        },
      });
      await deps.notifier.refresh(failed);
    }
    return failed ?? deps.topups.load(topup.id);
  }
  deps.crash('after-stripe-before-save');
  return recordSubmitted(deps, topup, stripeTopup);
}

/** submitting → pending with Stripe's id and date; if a webhook got there first, keep its status. */
export async function recordSubmitted(
  deps: TopupDeps,
  topup: Topup,
  stripeTopup: { id: string; expected_availability_date?: number | null; status: string },
): Promise<Topup | undefined> {
  const expectedAvailableAt = expectedAvailability(
    topup.submittedAt ?? deps.clock(),
    stripeTopup.expected_availability_date,
  );
  const pending = await deps.topups.transition(topup.id, 'submitting', 'pending', {
    stripeTopupId: stripeTopup.id,
    expectedAvailableAt,
  });
  if (!pending) {
    await deps.topups.attachStripeId(topup.id, stripeTopup.id, expectedAvailableAt);
    return deps.topups.load(topup.id);
  }
  await deps.audit.append({
    actor: SYSTEM,
    action: 'topup.submitted',
    subject: { type: 'topup', id: topup.ref },
    details: { requestId: topup.id, amountCents: topup.amountCents, stripeTopupId: stripeTopup.id },
  });
  await deps.notifier.refresh(pending);
  return pending;
}
