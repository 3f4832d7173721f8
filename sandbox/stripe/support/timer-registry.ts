/** Thrown into whatever was waiting on a timer when the simulator shuts down. */
export class SimulatorClosedError extends Error {
  constructor() {
    super('The Stripe simulator was closed');
    this.name = 'SimulatorClosedError';
  }
}

interface PendingTimer {
  handle: NodeJS.Timeout;
  reject: (error: Error) => void;
}

/**
 * Every delay the simulator waits on (latency, retry backoff, hangs) goes through here, so close() can
 * cancel them all at once and no timer keeps the process (or jest) alive after the simulator is gone.
 */
export class TimerRegistry {
  private readonly pending = new Set<PendingTimer>();
  private closed = false;

  delay(ms: number): Promise<void> {
    if (this.closed) return Promise.reject(new SimulatorClosedError());
    return new Promise<void>((resolve, reject) => {
      const timer: PendingTimer = {
        handle: setTimeout(() => {
          this.pending.delete(timer);
          resolve();
        }, ms),
        reject,
      };
      this.pending.add(timer);
    });
  }

  /** Like delay(), but the caller can stop waiting early (the promise then never settles). */
  cancellableDelay(ms: number): { done: Promise<void>; cancel: () => void } {
    let timer: PendingTimer | undefined;
    const done = new Promise<void>((resolve, reject) => {
      if (this.closed) {
        reject(new SimulatorClosedError());
        return;
      }
      timer = {
        handle: setTimeout(() => {
          if (timer) this.pending.delete(timer);
          resolve();
        }, ms),
        reject,
      };
      this.pending.add(timer);
    });
    const cancel = () => {
      if (!timer) return;
      clearTimeout(timer.handle);
      this.pending.delete(timer);
    };
    return { done, cancel };
  }

  closeAll(): void {
    this.closed = true;
    for (const timer of this.pending) {
      clearTimeout(timer.handle);
      timer.reject(new SimulatorClosedError());
    }
    this.pending.clear();
  }
}
