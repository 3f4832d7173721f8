import type { Logger } from '../../logger';
import type { AnswersFirst } from '../answers-first';
import type { StripeEventsStore } from './ports';
import { processStoredEvent, type ReceiveStripeEventDeps } from './receive-stripe-event';

export type StripeInboxDeps = ReceiveStripeEventDeps & {
  stripeEvents: StripeEventsStore;
  logger: Logger;
  /** Runs a pump as tracked background work (shutdown and tests wait for it). */
  run: (name: string, task: () => Promise<void>) => void;
  /** How many events this replica processes at once. */
  concurrency: number;
  /** How long a claim holds: a worker that dies lets its events go after this long. */
  claimMs: number;
  /**
   * Claims and retry times are real time, like leases: the app's clock may be a simulated one
   * that stands still or jumps days, which must neither hold a claim forever nor end it at once.
   */
  wallClock: () => Date;
  /** Each event waits its turn while this replica owes many answers (see answers-first.ts). */
  answersFirst?: AnswersFirst;
};

const MAX_RETRY_DELAY_MS = 5 * 60_000;
/**
 * A processed event's body is kept this long (to look into what Stripe sent), then dropped: the
 * inbox would otherwise keep every payload forever. The row stays and still deduplicates.
 */
export const KEEP_EVENT_BODIES_MS = 30 * 24 * 3600_000;
const SWEEP_EVERY_MS = 3600_000;

/**
 * Processes the webhook inbox on this replica: `kick()` after an event is stored (or on a timer,
 * for events another replica stored, or whose claim lapsed) starts up to `concurrency` pumps;
 * each claims the oldest event nobody holds and processes it until none is left. A failed
 * attempt is retried with a growing delay; it stays in the inbox until it succeeds.
 */
export function stripeInbox(deps: StripeInboxDeps) {
  let pumps = 0;
  let stopped = false;
  // Set by every kick, so a pump that found nothing just before an event was stored looks again.
  let kicked = false;
  let lastSweep = Number.NEGATIVE_INFINITY;

  /** At most hourly, in the background. */
  function sweepNowAndThen(): void {
    const now = deps.wallClock().getTime();
    if (stopped || now - lastSweep < SWEEP_EVERY_MS) return;
    lastSweep = now;
    deps.run('stripe inbox sweep', async () => {
      try {
        // processedAt is written with the app's clock, so the cutoff is on that clock too.
        const cutoff = new Date(deps.clock().getTime() - KEEP_EVENT_BODIES_MS);
        const dropped = await deps.stripeEvents.dropBodies(cutoff);
        if (dropped > 0) deps.logger.info({ dropped }, 'dropped the bodies of old processed Stripe events');
      } catch (error) {
        deps.logger.warn({ err: error }, 'could not drop the bodies of old Stripe events');
      }
    });
  }

  async function pump(): Promise<void> {
    try {
      for (;;) {
        if (stopped) return;
        kicked = false;
        await deps.answersFirst?.turn();
        if (stopped) return;
        const stored = await deps.stripeEvents.claimNext(deps.wallClock(), deps.claimMs);
        if (!stored) {
          if (kicked) continue;
          return;
        }
        try {
          await processStoredEvent(stored.event, deps, stored.signedFor);
        } catch (error) {
          const delay = Math.min(MAX_RETRY_DELAY_MS, 1000 * 2 ** Math.min(stored.attempts, 16));
          deps.logger.error(
            { err: error, eventId: stored.event.id, type: stored.event.type, attempts: stored.attempts },
            'stripe event not processed; the inbox will try again',
          );
          const retryAt = new Date(deps.wallClock().getTime() + delay);
          await deps.stripeEvents
            .release(
              stored.event.id,
              stored.claimToken,
              (error as Error).message ?? 'handler failed',
              retryAt,
            )
            .catch((releaseError) =>
              // Its claim lapses anyway, and another pump takes it then.
              deps.logger.warn(
                { err: releaseError, eventId: stored.event.id },
                'could not hand a failed event back',
              ),
            );
        }
      }
    } finally {
      pumps -= 1;
    }
  }

  return {
    kick(): void {
      kicked = true;
      sweepNowAndThen();
      while (!stopped && pumps < deps.concurrency) {
        pumps += 1;
        deps.run('stripe inbox', pump);
      }
    },
    /** Kicks once `answered` settles (tracked, so shutdown and tests wait for it too). */
    kickAfter(answered: Promise<void>, then?: () => void): void {
      deps.run('stripe inbox', async () => {
        await answered;
        then?.();
        this.kick();
      });
    },
    stop(): void {
      stopped = true;
    },
  };
}

export type StripeInbox = ReturnType<typeof stripeInbox>;
