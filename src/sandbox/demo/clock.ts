/**
 * The sandbox's simulated "now", shared by the app and the Stripe simulator: real time plus an
 * offset that only moves forward, so the demo can let five business days pass in a second.
 * Slack signatures and Stripe webhook signatures keep using real time, as they must.
 */
export class SimulatedClock {
  private offsetMs = 0;

  readonly now = (): Date => new Date(Date.now() + this.offsetMs);

  /** How far the simulated time is ahead of the real one. */
  get aheadMs(): number {
    return this.offsetMs;
  }

  /** Moves the clock forward to `target` (never backward); returns how far it moved. */
  advanceTo(target: Date): number {
    const step = target.getTime() - this.now().getTime();
    if (step <= 0) return 0;
    this.offsetMs += step;
    return step;
  }

  advanceBy(ms: number): void {
    if (ms > 0) this.offsetMs += ms;
  }
}
