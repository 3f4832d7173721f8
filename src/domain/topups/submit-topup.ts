import { type SubmissionDeps, startSubmission, submitToStripe } from '../requests/submit-to-stripe';
import { expectedAvailability } from '../settlement';
import type { TopupDeps } from './deps';
import type { Topup } from './types';

const SYSTEM = { kind: 'system', process: 'paydesk' } as const;

function submission(deps: TopupDeps): SubmissionDeps<Topup> {
  return { ...deps, store: deps.topups, refresh: (topup) => deps.notifier.refresh(topup), subject: 'topup' };
}

/**
 * approved → submitting → pending | failed, with the idempotency key stored with the request;
 * when Stripe's answer is unknown it stays `submitting` for the reconciler.
 */
export function submitTopup(deps: TopupDeps, id: string): Promise<Topup | undefined> {
  return startSubmission(submission(deps), id, (topup) => driveSubmission(deps, topup));
}

/** Calls Stripe for a top-up already in `submitting`; also used by the reconciler. */
export function driveSubmission(deps: TopupDeps, topup: Topup): Promise<Topup | undefined> {
  return submitToStripe(
    submission(deps),
    topup,
    {
      lookUp: () => deps.stripe.findTopupByRequestId(topup.id, topup.amountCents),
      create: (idempotencyKey) =>
        deps.stripe.createTopup(
          {
            amountCents: topup.amountCents,
            description: topup.description,
            statementDescriptor: topup.statementDescriptor,
            requestId: topup.id,
            ref: topup.ref,
          },
          idempotencyKey,
        ),
    },
    { record: (stripeTopup) => recordSubmitted(deps, topup, stripeTopup) },
  );
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
