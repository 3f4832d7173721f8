import type { Logger } from '../../logger';
import type { AuditFact } from '../audit/types';
import type { CrashSwitch } from '../crash-points';
import type { StripeGateway } from '../ports/stripe-gateway';
import type { ApprovableRequest, StripeFailure } from './types';

const SYSTEM = { kind: 'system', process: 'paydesk' } as const;

export type SubmissionDeps<R extends ApprovableRequest> = {
  store: {
    load(id: string): Promise<R | undefined>;
    transition(id: string, from: string, to: string, set?: Record<string, unknown>): Promise<R | undefined>;
  };
  stripe: Pick<StripeGateway, 'classifyError'>;
  audit: { append(fact: AuditFact): Promise<unknown> };
  logger: Pick<Logger, 'warn'>;
  crash: CrashSwitch;
  clock: () => Date;
  refresh(request: R): Promise<void>;
  subject: 'topup' | 'transfer';
};

/** approved → submitting (compare-and-set), then `drive`; whoever loses the race just reads the state. */
export async function startSubmission<R extends ApprovableRequest>(
  deps: SubmissionDeps<R>,
  id: string,
  drive: (request: R) => Promise<R | undefined>,
): Promise<R | undefined> {
  const submitting = await deps.store.transition(id, 'approved', 'submitting', { submittedAt: deps.clock() });
  if (!submitting) return deps.store.load(id);
  await deps.refresh(submitting);
  return drive(submitting);
}

/**
 * The one Stripe call that moves a request's money, made with the idempotency key stored with
 * it, so a retry by anyone (stripe-node, a person, the reconciler) cannot do it twice:
 * - an answer → `record` it;
 * - a definitive refusal (4xx) → submitting → failed, audited, message updated;
 * - no answer (5xx, 429, 409, timeout) → stays `submitting`, audited, for the reconciler.
 */
export async function submitToStripe<R extends ApprovableRequest, O>(
  deps: SubmissionDeps<R>,
  request: R,
  call: () => Promise<O>,
  outcome: {
    record(answer: O): Promise<R | undefined>;
    /** Extra fields stored with a failure (a transfer's balance shortfall). */
    failureFields?(failure: StripeFailure): Promise<Record<string, unknown>>;
    /** What else a failure undoes (a transfer's share of the daily cap). */
    afterFailed?(failed: R): Promise<void>;
  },
): Promise<R | undefined> {
  let answer: O;
  try {
    answer = await call();
  } catch (error) {
    const failure = deps.stripe.classifyError(error);
    if (failure.kind === 'unknown') {
      deps.logger.warn(
        { ref: request.ref, code: failure.code },
        `${deps.subject} outcome unknown; the reconciler will retry`,
      );
      await deps.audit.append({
        actor: SYSTEM,
        action: `${deps.subject}.submit_uncertain`,
        subject: { type: deps.subject, id: request.ref },
        details: { requestId: request.id, code: failure.code },
      });
      return deps.store.load(request.id);
    }
    const stored = { code: failure.code, message: failure.message };
    const failed = await deps.store.transition(request.id, 'submitting', 'failed', {
      failure: stored,
      ...(await outcome.failureFields?.(stored)),
    });
    if (failed) {
      await outcome.afterFailed?.(failed);
      await deps.audit.append({
        actor: SYSTEM,
        action: `${deps.subject}.failed`,
        subject: { type: deps.subject, id: request.ref },
        details: { requestId: request.id, amountCents: request.amountCents, ...stored },
      });
      await deps.refresh(failed);
    }
    return failed ?? deps.store.load(request.id);
  }
  deps.crash('after-stripe-before-save');
  return outcome.record(answer);
}
