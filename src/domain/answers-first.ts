/** The gate's defaults: a few answers owed is ordinary traffic; more is a burst to make room for. */
export const ANSWERS_FIRST = { calmAt: 2, maxWaitMs: 200 };
/** Longer than any answer takes (Slack gives up after 3 s, Stripe after 10 s). */
const OWED_AT_MOST_MS = 10_000;

/**
 * Answers this replica owes (Slack acks, Stripe webhook replies) come before the work behind
 * them. The HTTP server counts each request until it is answered; background work (after-ack
 * tasks, the webhook inbox's pumps) takes its `turn()` before each step, which waits while more
 * than `calmAt` answers are owed — at most `maxWaitMs`, so a burst slows the work and never
 * stops it. On a busy event loop and a shared database this is what keeps a burst of Stripe
 * deliveries or Slack clicks from waiting behind the processing of the ones before.
 */
export class AnswersFirst {
  private owed = 0;
  private readonly waiters = new Set<() => void>();

  constructor(private readonly options: { calmAt: number; maxWaitMs: number } = ANSWERS_FIRST) {}

  /**
   * Counts one answer owed; the returned function (safe to call twice) says it was given. One
   * still owed after OWED_AT_MOST_MS stops counting: a client trickling its body is not a burst,
   * and must not slow the work for everyone.
   */
  owe(): () => void {
    this.owed += 1;
    let given = false;
    const give = () => {
      if (given) return;
      given = true;
      clearTimeout(timer);
      this.owed -= 1;
      if (this.owed <= this.options.calmAt) for (const wake of [...this.waiters]) wake();
    };
    const timer = setTimeout(give, OWED_AT_MOST_MS);
    timer.unref();
    return give;
  }

  get owing(): number {
    return this.owed;
  }

  /** Resolves at once when few answers are owed, else when they are given or after `maxWaitMs`. */
  turn(): Promise<void> {
    if (this.owed <= this.options.calmAt) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, this.options.maxWaitMs);
      this.waiters.add(wake);
    });
  }
}
