/** A closed-loop load driver and a small latency recorder (sorted array, nearest-rank percentiles). */

export type LatencyStats = {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Share of requests slower than `budgetMs` (Slack's 3 s ack budget), 0..1. */
  overBudget: number;
};

export type LoadResult = {
  /** Closed loop: without the first wave (see runClosedLoop). */
  stats: LatencyStats;
  /** Closed loop: the slowest answer of the first wave, when all `concurrency` requests left at once. */
  firstWaveMaxMs?: number;
  /** First request sent to last answer received. */
  wallMs: number;
  /** How many answers had each status (0 when the request failed outright). */
  statuses: Record<number, number>;
};

export const SLACK_ACK_BUDGET_MS = 3000;

export function latencyStats(samplesMs: number[], budgetMs = SLACK_ACK_BUDGET_MS): LatencyStats {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? 0;
  return {
    count: sorted.length,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: sorted[sorted.length - 1] ?? 0,
    overBudget: sorted.length === 0 ? 0 : sorted.filter((ms) => ms > budgetMs).length / sorted.length,
  };
}

/**
 * Sends `count` requests with `concurrency` in flight at all times (a new one as soon as one is
 * answered) and times each from send to the end of its answer. `send(i)` resolves with the HTTP
 * status. The first `concurrency` requests all leave at the same instant, a burst the steady
 * state never sees (they were the slowest 1–2% of every run), so the percentiles leave them out
 * and `firstWaveMaxMs` reports them.
 */
export async function runClosedLoop(
  count: number,
  concurrency: number,
  send: (i: number) => Promise<number>,
): Promise<LoadResult> {
  const samples: number[] = new Array(count);
  const statuses: Record<number, number> = {};
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      const t0 = performance.now();
      const status = await send(i).catch(() => 0);
      samples[i] = performance.now() - t0;
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  };
  const wave = Math.min(concurrency, count);
  await Promise.all(Array.from({ length: wave }, worker));
  return {
    stats: latencyStats(count > wave ? samples.slice(wave) : samples),
    firstWaveMaxMs: Math.max(...samples.slice(0, wave)),
    wallMs: performance.now() - started,
    statuses,
  };
}

/** POSTs a body and reads the whole answer; resolves with the status. */
export async function post(url: string, body: string, headers: Record<string, string>): Promise<number> {
  const response = await fetch(url, { method: 'POST', headers, body });
  await response.arrayBuffer();
  return response.status;
}

export async function get(url: string): Promise<number> {
  const response = await fetch(url);
  await response.arrayBuffer();
  return response.status;
}

/** A seeded shuffle, so a run can be replayed. */
export function shuffle<T>(items: T[], seed: number): T[] {
  const out = [...items];
  const random = seededRandom(seed);
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * Sends `count` requests at a fixed `perSecond` arrival rate, whether or not earlier ones were
 * answered (open loop, as Slack sends), and times each from when it was due, so a stalled
 * server is not hidden by sending less.
 */
export async function runOpenLoop(
  count: number,
  perSecond: number,
  send: (i: number) => Promise<number>,
): Promise<LoadResult> {
  const samples: number[] = new Array(count);
  const statuses: Record<number, number> = {};
  const started = performance.now();
  const answers: Promise<void>[] = [];
  for (let i = 0; i < count; i += 1) {
    const due = started + (i * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    answers.push(
      send(i)
        .catch(() => 0)
        .then((status) => {
          samples[i] = performance.now() - due;
          statuses[status] = (statuses[status] ?? 0) + 1;
        }),
    );
  }
  await Promise.all(answers);
  return { stats: latencyStats(samples), wallMs: performance.now() - started, statuses };
}

/**
 * Opens `count` keep-alive connections to `origin` (concurrent GETs of any path), so a timed run
 * does not start with connection set-up that the previous run's idle time let expire.
 */
export async function openConnections(origin: string, count: number): Promise<void> {
  await Promise.all(Array.from({ length: count }, () => get(`${origin}/healthz`).catch(() => 0)));
}
