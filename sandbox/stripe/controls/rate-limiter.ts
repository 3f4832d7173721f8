/**
 * A sliding one-second window over admitted API requests. It runs on the real clock, not the simulator's,
 * because it limits how fast the caller really sends requests.
 */
export class RateLimiter {
  private limitPerSecond: number | null;
  private admittedAt: number[] = [];
  private rejected = 0;

  constructor(limitPerSecond: number | null = null) {
    this.limitPerSecond = limitPerSecond;
  }

  setLimit(perSecond: number | null): void {
    this.limitPerSecond = perSecond;
    this.admittedAt = [];
  }

  /** Records the request and says whether it fits in the window. */
  tryAdmit(nowMs = Date.now()): boolean {
    if (this.limitPerSecond === null) return true;
    this.admittedAt = this.admittedAt.filter((at) => at > nowMs - 1000);
    if (this.admittedAt.length >= this.limitPerSecond) {
      this.rejected += 1;
      return false;
    }
    this.admittedAt.push(nowMs);
    return true;
  }

  rejectedCount(): number {
    return this.rejected;
  }
}
