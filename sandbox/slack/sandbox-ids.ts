import { randomBytes } from 'node:crypto';

/**
 * Mints ids that look like Slack's (a type letter, then upper-case alphanumerics) and message
 * timestamps. A counter per prefix keeps ids unique and readable in test failures; counters survive
 * `reset()` of the simulator so an id the app still holds never comes back meaning something else.
 */
export class SandboxIds {
  private readonly counters = new Map<string, number>();
  private lastTsMicros = 0;
  private triggerCount = 0;

  next(prefix: string): string {
    const count = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, count);
    return `${prefix}0${count.toString(36).toUpperCase().padStart(8, '0')}`;
  }

  /**
   * Slack's `ts` is seconds.microseconds and is the message's identity within a channel, so it must be
   * unique and strictly increasing even when two messages are posted in the same microsecond.
   */
  nextTs(): string {
    this.lastTsMicros = Math.max(Date.now() * 1000, this.lastTsMicros + 1);
    const seconds = Math.floor(this.lastTsMicros / 1_000_000);
    const micros = this.lastTsMicros % 1_000_000;
    return `${seconds}.${String(micros).padStart(6, '0')}`;
  }

  /** Shaped like Slack's trigger ids ('12345.98765.abcd2358fdea'); unguessable so tests cannot hard-code one. */
  nextTriggerId(): string {
    this.triggerCount += 1;
    return `${Math.floor(Date.now() / 1000)}.${this.triggerCount}.${randomBytes(16).toString('hex')}`;
  }
}

/** Orders Slack timestamps numerically, as Slack does; string order breaks when the seconds gain a digit. */
export function compareTs(a: string, b: string): number {
  const [aSeconds = '0', aMicros = '0'] = a.split('.');
  const [bSeconds = '0', bMicros = '0'] = b.split('.');
  return Number(aSeconds) - Number(bSeconds) || Number(aMicros) - Number(bMicros);
}
