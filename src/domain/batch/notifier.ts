import type { BalanceSummary } from '../ports/stripe-gateway';
import type { SlackMessageRef } from '../requests/types';
import type { RunSummary } from './results';
import type { PayoutRunHeader, RunProgress } from './types';

export type BatchNotifier = {
  /** The preview (request) message in the finance channel. */
  postRun(run: PayoutRunHeader): Promise<SlackMessageRef | undefined>;
  /**
   * Re-renders the run's message from `run` (and live progress while it runs). Coalesced and
   * throttled per message, so Slack sees at most one update a second however often it is called.
   */
  refresh(run: PayoutRunHeader, progress?: RunProgress): void;
  /** Waits until the last refresh asked for has reached Slack. */
  flush(run: PayoutRunHeader): Promise<void>;
  /** A new message (in the run's thread) saying it paused and what is missing. */
  paused(run: PayoutRunHeader): Promise<void>;
  /** The summary and the results CSV; resolves the uploaded file's id. */
  completed(run: PayoutRunHeader, summary: RunSummary, resultsCsv: string): Promise<string | null>;
  /** A top-up settled while the run waits for balance: offer Resume. */
  topupSettled(
    run: PayoutRunHeader,
    topup: { ref: string | null; amountCents: number },
    balance: BalanceSummary | undefined,
  ): Promise<void>;
};
