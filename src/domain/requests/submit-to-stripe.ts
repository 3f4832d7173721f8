import type { Logger } from '../../logger';
import type { AuditFact } from '../audit/types';
import type { CrashSwitch } from '../crash-points';
import type { StripeGateway } from '../ports/stripe-gateway';
import { afterStripeCall } from './after-stripe';
import { sendWithStoredKey } from './key-window';
import type { ApprovableRequest, StripeFailure } from './types';

const SYSTEM = { kind: 'system', process: 'paydesk' } as const;

/** A request that moves money with an idempotency key stored with it. */
export type KeyedRequest = ApprovableRequest & {
  idempotencyKey: string;
  submittedAt: Date | null;
  keyIssuedAt?: Date | null;
};

export type SubmissionDeps<R extends KeyedRequest> = {
  store: {
    load(id: string): Promise<R | undefined>;
    transition(id: string, from: string, to: string, set?: Record<string, unknown>): Promise<R | undefined>;
    renewIdempotencyKey(id: string, from: string, to: string, at: Date): Promise<boolean>;
  };
  stripe: Pick<StripeGateway, 'classifyError'>;
  audit: { append(fact: AuditFact): Promise<unknown> };
  logger: Pick<Logger, 'warn' | 'error'>;
  crash: CrashSwitch;
  clock: () => Date;
  refresh(request: R): Promise<void>;
  subject: 'topup' | 'transfer';
};

/** approved → submitting (compare-and-set), then `drive`; whoever loses the race just reads the state. */
export async function startSubmission<R extends KeyedRequest>(
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
 * it, so a retry by anyone (stripe-node, a person, the reconciler) cannot do it twice; past
 * Stripe's key window, or after a replayed 5xx, the object is looked up first (key-window.ts):
 * - an answer → `record` it;
 * - a definitive refusal (4xx) → submitting → failed, audited, message updated;
 * - no answer (5xx, 429, 409, timeout) → stays `submitting`, audited, for the reconciler.
 * Once Stripe was called, a failure to record what happened is never "nothing was changed":
 * the person is told Stripe has it and the reconciler finishes it (RecordingPendingError).
 */
export async function submitToStripe<R extends KeyedRequest, O>(
  deps: SubmissionDeps<R>,
  request: R,
  stripeCall: { lookUp(): Promise<O | undefined>; create(idempotencyKey: string): Promise<O> },
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
    ({ answer } = await sendWithStoredKey({
      key: request.idempotencyKey,
      firstUsedAt: request.keyIssuedAt ?? request.submittedAt ?? request.updatedAt,
      now: deps.clock(),
      lookUp: stripeCall.lookUp,
      create: stripeCall.create,
      classifyError: (error) => deps.stripe.classifyError(error),
      renewKey: (next) =>
        deps.store.renewIdempotencyKey(request.id, request.idempotencyKey, next, deps.clock()),
      onKeyMisuse: (failure) =>
        deps.logger.error(
          { ref: request.ref, code: failure.code },
          `${deps.subject} key was reused with other parameters: a Paydesk bug`,
        ),
    }));
  } catch (error) {
    return afterStripeCall(request.ref, deps.logger, () => recordFailure(deps, request, error, outcome));
  }
  deps.crash('after-stripe-before-save');
  return afterStripeCall(request.ref, deps.logger, () => outcome.record(answer));
}

async function recordFailure<R extends KeyedRequest>(
  deps: SubmissionDeps<R>,
  request: R,
  error: unknown,
  outcome: {
    failureFields?(failure: StripeFailure): Promise<Record<string, unknown>>;
    afterFailed?(failed: R): Promise<void>;
  },
): Promise<R | undefined> {
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
