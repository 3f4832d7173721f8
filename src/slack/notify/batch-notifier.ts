import type { WebClient } from '@slack/web-api';
import { monotonicMs } from '../../clock';
import type { BatchNotifier } from '../../domain/batch/notifier';
import type { Logger } from '../../logger';
import {
  batchPausedAlert,
  batchSummaryMessage,
  batchTopupSettledMessage,
  payoutRunMessage,
} from '../views/batch-message';

/** chat.update is Tier 3 (about 50 a minute): one update per 1.2 s per message stays under it. */
export const PROGRESS_INTERVAL_MS = 1200;

type Slot = { next?: () => Promise<void>; timer?: NodeJS.Timeout; inFlight?: Promise<void>; lastAt: number };

/**
 * Coalesces updates of one message: only the newest content is sent, and never sooner than
 * `intervalMs` after the previous send started.
 */
export class MessageThrottle {
  private readonly slots = new Map<string, Slot>();

  constructor(
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {}

  push(key: string, send: () => Promise<void>): void {
    this.forgetIdle();
    const slot = this.slots.get(key) ?? { lastAt: 0 };
    this.slots.set(key, slot);
    slot.next = send;
    this.pump(key, slot);
  }

  async flush(key: string): Promise<void> {
    for (;;) {
      const slot = this.slots.get(key);
      if (!slot || (!slot.next && !slot.inFlight)) return;
      if (slot.inFlight) await slot.inFlight;
      else await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  private pump(key: string, slot: Slot): void {
    if (slot.timer || slot.inFlight || !slot.next) return;
    const wait = slot.lastAt + this.intervalMs - monotonicMs();
    if (wait > 0) {
      slot.timer = setTimeout(() => {
        slot.timer = undefined;
        this.pump(key, slot);
      }, wait);
      slot.timer.unref();
      return;
    }
    const send = slot.next;
    slot.next = undefined;
    slot.lastAt = monotonicMs();
    slot.inFlight = send()
      .catch((error) => this.logger.error({ err: error }, 'could not update a payout run message'))
      .finally(() => {
        slot.inFlight = undefined;
        if (slot.next) this.pump(key, slot);
      });
  }

  /** A slot is kept while its last send is recent, so the next update still waits its turn. */
  private forgetIdle(): void {
    const cutoff = monotonicMs() - 60_000;
    for (const [key, slot] of this.slots) {
      if (!slot.next && !slot.inFlight && !slot.timer && slot.lastAt < cutoff) this.slots.delete(key);
    }
  }
}

/** Payout run news: the run's message updated in place (throttled), alerts and results in its thread. */
export function batchNotifier(deps: {
  slack: WebClient;
  channelId: string;
  logger: Logger;
  intervalMs?: number;
}): BatchNotifier {
  const { slack, channelId, logger } = deps;
  const throttle = new MessageThrottle(deps.intervalMs ?? PROGRESS_INTERVAL_MS, logger);
  const thread = (run: { slackMessage: { channel: string; ts: string } | null }) =>
    run.slackMessage
      ? { channel: run.slackMessage.channel, thread_ts: run.slackMessage.ts }
      : { channel: channelId };
  return {
    async postRun(run) {
      const result = await slack.chat.postMessage({ channel: channelId, ...payoutRunMessage(run) });
      return result.ts && result.channel ? { channel: result.channel, ts: result.ts } : undefined;
    },
    refresh(run, progress) {
      const message = run.slackMessage;
      if (!message) return;
      const content = payoutRunMessage(run, progress);
      throttle.push(message.ts, async () => {
        await slack.chat.update({ channel: message.channel, ts: message.ts, ...content });
      });
    },
    async flush(run) {
      if (run.slackMessage) await throttle.flush(run.slackMessage.ts);
    },
    async paused(run) {
      await slack.chat.postMessage({ ...thread(run), ...batchPausedAlert(run) });
    },
    async completed(run, summary, resultsCsv) {
      await slack.chat.postMessage({ ...thread(run), ...batchSummaryMessage(run, summary) });
      const where = run.slackMessage ? { thread_ts: run.slackMessage.ts } : {};
      const uploaded = (await slack.filesUploadV2({
        channel_id: channelId,
        ...where,
        filename: `paydesk-${run.ref}-results.csv`,
        title: `${run.ref} results`,
        content: resultsCsv,
        initial_comment: `Results of ${run.ref}: one row per line of the CSV (paid, failed or skipped), with Stripe transfer ids.`,
      })) as unknown as { files?: { id?: string; files?: { id?: string }[] }[] };
      const first = uploaded.files?.[0];
      return first?.files?.[0]?.id ?? first?.id ?? null;
    },
    async topupSettled(run, topup, balance) {
      await slack.chat.postMessage({ ...thread(run), ...batchTopupSettledMessage(run, topup, balance) });
    },
  };
}
