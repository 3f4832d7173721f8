import type { RecordedCall } from './types';

/** Every Web API call the app made, in order, including the ones that failed. */
export class CallLog {
  private readonly recorded: RecordedCall[] = [];
  private readonly listeners = new Set<() => void>();

  record(call: RecordedCall): void {
    this.recorded.push(call);
    for (const listener of this.listeners) listener();
  }

  calls(method?: string): RecordedCall[] {
    return this.recorded.filter((call) => method === undefined || call.method === method);
  }

  /** Lets waiters re-check as soon as something happens instead of only on their polling tick. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notifyChange(): void {
    for (const listener of this.listeners) listener();
  }

  reset(): void {
    this.recorded.length = 0;
  }
}
