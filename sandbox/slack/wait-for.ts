export type Truthy<T> = Exclude<T, false | 0 | '' | null | undefined>;

export interface WaitForOptions {
  timeoutMs?: number;
  intervalMs?: number;
}

/**
 * Resolves with the first truthy value `check` returns. The app does follow-up work after it acks
 * (posts, updates, DMs), so tests wait for the effect instead of sleeping. `subscribe` lets the
 * check run as soon as something changes; the interval is the fallback.
 */
export function waitFor<T>(
  check: () => T,
  options: WaitForOptions & {
    subscribe?: (listener: () => void) => () => void;
    describeState?: () => string;
  } = {},
): Promise<Truthy<T>> {
  const { timeoutMs = 2000, intervalMs = 20, subscribe, describeState } = options;
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearInterval(interval);
      clearTimeout(timeout);
      unsubscribe?.();
      outcome();
    };
    const attempt = () => {
      if (settled) return;
      try {
        const value = check();
        if (value) finish(() => resolve(value as Truthy<T>));
      } catch (error) {
        finish(() => reject(error));
      }
    };
    const interval = setInterval(attempt, intervalMs);
    const timeout = setTimeout(() => {
      const state = describeState === undefined ? '' : `; ${describeState()}`;
      finish(() => reject(new Error(`waitFor timed out after ${timeoutMs} ms${state}`)));
    }, timeoutMs);
    const unsubscribe = subscribe?.(attempt);
    attempt();
  });
}
