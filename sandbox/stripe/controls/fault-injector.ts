import { seededRandom } from '../support/seeded-random';

/**
 * - `500`: the endpoint fails after it began executing: nothing is done, and the 500 is the stored idempotent
 *   result, so a retry with the same key within 24 hours gets the same 500 (Stripe stores 500s too).
 * - `commit-then-500`: do the work (and store the idempotent result), then answer 500: Stripe did it, but the
 *   reply was lost. A retry with the same key replays the stored success.
 * - `429`: a lock-timeout style 429 with `Stripe-Should-Retry: true` (stripe-node retries it when allowed).
 *   Not stored: Stripe's rate limiter runs before its idempotency layer.
 * - `429-no-retry`: a 429 with `Stripe-Should-Retry: false`. Not stored either.
 * - `hang`: hold the request, then drop the connection without an answer. Stripe never ran it: not stored.
 * - `409-in-use`: answer as if another request with the same idempotency key were still running. Not stored.
 */
export type FaultKind = '500' | 'commit-then-500' | '429' | '429-no-retry' | 'hang' | '409-in-use';

export interface FaultConfig {
  /** Probabilities, 0..1, drawn once per matching API request. */
  status500?: number;
  status429?: number;
  hang?: number;
  hangMs?: number;
  /** Seed of the generator behind the probabilities, so a run can be reproduced. Default 1. */
  seed?: number;
  /** Only API paths matching this are affected. */
  paths?: RegExp;
}

export interface FailNextOptions {
  method?: string;
  path?: RegExp;
  hangMs?: number;
}

export interface FaultDecision {
  kind: FaultKind;
  hangMs: number;
}

interface ScheduledFault {
  remaining: number;
  kind: FaultKind;
  options: FailNextOptions;
}

const DEFAULT_HANG_MS = 30_000;

/** Decides, per API request, whether it fails and how: scheduled faults first, then seeded probabilities. */
export class FaultInjector {
  private config: FaultConfig | null = null;
  private random: () => number = seededRandom(1);
  private scheduled: ScheduledFault[] = [];

  injectFaults(config: FaultConfig | null): void {
    this.config = config;
    this.random = seededRandom(config?.seed ?? 1);
  }

  failNext(count: number, kind: FaultKind, options: FailNextOptions = {}): void {
    if (count > 0) this.scheduled.push({ remaining: count, kind, options });
  }

  clear(): void {
    this.config = null;
    this.scheduled = [];
  }

  decide(method: string, path: string): FaultDecision | null {
    const scheduled = this.scheduled.find(
      (fault) =>
        (!fault.options.method || fault.options.method.toUpperCase() === method) &&
        matches(fault.options.path, path),
    );
    if (scheduled) {
      scheduled.remaining -= 1;
      if (scheduled.remaining === 0) this.scheduled = this.scheduled.filter((fault) => fault !== scheduled);
      return {
        kind: scheduled.kind,
        hangMs: scheduled.options.hangMs ?? this.config?.hangMs ?? DEFAULT_HANG_MS,
      };
    }
    return this.drawProbabilisticFault(path);
  }

  private drawProbabilisticFault(path: string): FaultDecision | null {
    const config = this.config;
    if (!config || !matches(config.paths, path)) return null;
    const draw = this.random();
    const hangMs = config.hangMs ?? DEFAULT_HANG_MS;
    let threshold = config.status500 ?? 0;
    if (draw < threshold) return { kind: '500', hangMs };
    threshold += config.status429 ?? 0;
    if (draw < threshold) return { kind: '429', hangMs };
    threshold += config.hang ?? 0;
    if (draw < threshold) return { kind: 'hang', hangMs };
    return null;
  }
}

function matches(pattern: RegExp | undefined, path: string): boolean {
  if (!pattern) return true;
  // A /g or /y pattern remembers where it stopped; start every test from the beginning.
  pattern.lastIndex = 0;
  return pattern.test(path);
}
