import { type Clock, systemClock } from '../../src/clock';

/**
 * The sandbox's simulated "now", shared by the app and the Stripe simulator. It starts at
 * `startAt` (default: the real now), runs at real speed and can jump forward, so the demo can let
 * five business days pass in a second and tests can play the story on any date. Slack
 * signatures and Stripe webhook signatures keep using real time, as they must.
 */
export class SimulatedClock {
  private readonly realStartMs: number;
  private readonly startMs: number;
  private offsetMs = 0;

  constructor(
    startAt?: Date,
    private readonly realClock: Clock = systemClock,
  ) {
    this.realStartMs = realClock().getTime();
    this.startMs = startAt?.getTime() ?? this.realStartMs;
  }

  readonly now: Clock = () =>
    new Date(this.startMs + (this.realClock().getTime() - this.realStartMs) + this.offsetMs);

  /** How far the clock jumped forward (not counting the time that simply passed). */
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
