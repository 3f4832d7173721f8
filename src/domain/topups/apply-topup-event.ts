import type Stripe from 'stripe';
import type { AuditActor } from '../audit/types';
import type { TopupDeps } from './deps';
import { sendTopupNews } from './topup-news';
import { TOPUP_RANK, type Topup, type TopupStatus } from './types';

const TARGET: Record<string, TopupStatus> = {
  'topup.created': 'pending',
  'topup.succeeded': 'succeeded',
  'topup.failed': 'failed',
  'topup.canceled': 'canceled',
  'topup.reversed': 'reversed',
};

export const TOPUP_EVENT_TYPES = Object.keys(TARGET);

/** Statuses a top-up may leave for `target`: strictly earlier ones, never a decided-against request. */
function earlierThan(target: TopupStatus): TopupStatus[] {
  return (Object.keys(TOPUP_RANK) as TopupStatus[]).filter(
    (status) => TOPUP_RANK[status] < TOPUP_RANK[target] && TOPUP_RANK[status] >= TOPUP_RANK.approved,
  );
}

/**
 * Moves a top-up forward to what Stripe says happened. A late, duplicate or reordered event
 * finds the top-up already at or past that point and changes nothing, so alerts go out once.
 */
export async function applyTopupEvent(deps: TopupDeps, event: Stripe.Event): Promise<Topup | undefined> {
  const target = TARGET[event.type];
  const object = event.data.object as Stripe.Topup;
  if (!target || object.object !== 'topup') return undefined;
  const topup = await findPaydeskTopup(deps, object);
  // Intake already ignores (and audits) events for top-ups Paydesk did not make; this is the backstop.
  if (!topup) {
    deps.logger.info(
      { stripeTopupId: object.id, type: event.type },
      'event for a top-up Paydesk did not make; ignored',
    );
    return undefined;
  }
  return applyTopupState(deps, topup, object, target, { kind: 'stripe', eventId: event.id });
}

/** The top-up request a Stripe top-up belongs to: by the request id Paydesk put in its metadata, else by its id. */
export async function findPaydeskTopup(
  deps: Pick<TopupDeps, 'topups'>,
  object: { id?: string; metadata?: Record<string, string> | null },
): Promise<Topup | undefined> {
  const requestId = object.metadata?.paydesk_request_id;
  return (
    (requestId ? await deps.topups.load(requestId) : undefined) ??
    (typeof object.id === 'string' ? await deps.topups.findByStripeId(object.id) : undefined)
  );
}

/** What a Stripe top-up's own `status` means for ours (the reconciler reads it directly). */
export function targetForStripeStatus(status: Stripe.Topup['status']): TopupStatus | undefined {
  const map: Partial<Record<Stripe.Topup['status'], TopupStatus>> = {
    pending: 'pending',
    succeeded: 'succeeded',
    failed: 'failed',
    canceled: 'canceled',
    reversed: 'reversed',
  };
  return map[status];
}

export async function applyTopupState(
  deps: TopupDeps,
  topup: Topup,
  object: Stripe.Topup,
  target: TopupStatus,
  actor: AuditActor,
): Promise<Topup | undefined> {
  const now = deps.clock();
  const moved = await deps.topups.transition(topup.id, earlierThan(target), target, {
    stripeTopupId: object.id,
    ...(target === 'succeeded' ? { settledAt: now } : {}),
    ...(target === 'failed'
      ? {
          failure: {
            code: object.failure_code ?? 'failed',
            message: object.failure_message ?? 'The bank debit failed.',
          },
        }
      : {}),
  });
  if (!moved) return undefined;
  await deps.audit.append({
    actor,
    action: `topup.${target}`,
    subject: { type: 'topup', id: moved.ref },
    details: {
      requestId: moved.id,
      amountCents: moved.amountCents,
      stripeTopupId: object.id,
      ...(moved.failure && target === 'failed' ? { code: moved.failure.code } : {}),
    },
  });
  deps.defer(`topup ${moved.ref} ${target}`, () => sendTopupNews(deps, moved));
  return moved;
}
