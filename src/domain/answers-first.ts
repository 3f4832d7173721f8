/**
 * The gate's defaults: a few answers owed is ordinary traffic; more is a burst to make room for.
 * During a burst, waiting work is let through one step every `dripMs` (at most `maxWaitMs` after
 * it asked), so it keeps moving at a steady pace between the answers instead of in waves.
 */
export const ANSWERS_FIRST = { calmAt: 2, maxWaitMs: 1000, dripMs: 4 };
/** Longer than any answer takes (Slack gives up after 3 s, Stripe after 10 s). */
const OWED_AT_MOST_MS = 10_000;

type GateOptions = { calmAt: number; maxWaitMs: number; dripMs: number };

/**
 * Answers this replica owes (Slack acks, Stripe webhook replies) come before the work behind
 * them. The HTTP server counts each Slack and Stripe request until it is answered; background
 * work (after-ack tasks, the webhook inbox's pumps) takes its `turn()` before each step. While
 * more than `calmAt` answers are owed, steps go one at a time, one every `dripMs`, oldest first,
 * none waiting longer than `maxWaitMs`: a burst slows the work and never stops it. On a busy
 * event loop and a shared database this is what keeps a burst of Stripe deliveries or Slack
 * clicks from waiting behind the processing of the ones before.
 */
export class AnswersFirst {
  private owed = 0;
  private readonly waiters: (() => void)[] = [];
  private drip: NodeJS.Timeout | undefined;
  private readonly options: GateOptions;

  constructor(options: Partial<GateOptions> = {}) {
    this.options = { ...ANSWERS_FIRST, ...options };
  }

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
      if (this.owed <= this.options.calmAt) this.releaseAll();
    };
    const timer = setTimeout(give, OWED_AT_MOST_MS);
    timer.unref();
    return give;
  }

  get owing(): number {
    return this.owed;
  }

  /** Resolves at once when few answers are owed; else at its turn in the drip, or after `maxWaitMs`. */
  turn(): Promise<void> {
    if (this.owed <= this.options.calmAt) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        const at = this.waiters.indexOf(wake);
        if (at >= 0) this.waiters.splice(at, 1);
        resolve();
      };
      const timer = setTimeout(wake, this.options.maxWaitMs);
      this.waiters.push(wake);
      this.startDrip();
    });
  }

  private startDrip(): void {
    if (this.drip) return;
    this.drip = setInterval(() => {
      const next = this.waiters[0];
      if (next) next();
      if (this.waiters.length === 0) this.stopDrip();
    }, this.options.dripMs);
    this.drip.unref();
  }

  private stopDrip(): void {
    clearInterval(this.drip);
    this.drip = undefined;
  }

  private releaseAll(): void {
    for (const wake of [...this.waiters]) wake();
    this.stopDrip();
  }
}
