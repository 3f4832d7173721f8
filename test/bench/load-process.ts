/**
 * The bench's load generator, in a process of its own: forked by load-driver.ts, it sends
 * requests the bench signed beforehand and times the answers. Sending from the bench process
 * would share its event loop with the Slack and Stripe simulators, which Paydesk keeps busy
 * (posts, updates, top-ups, transfers) and the bare baselines never call: Paydesk's latencies
 * would carry the simulators' work, the baselines' would not.
 */
import { Agent, setGlobalDispatcher } from 'undici';
import { type LoadResult, openConnections, post, runClosedLoop, runOpenLoop } from './load';

/** The most requests any step keeps in flight (the closed loop at 200). */
const MOST_IN_FLIGHT = 200;

/**
 * One pool of keep-alive connections per app, never larger than the requests in flight. Fetch's
 * default pool opens a new connection whenever none is free at that instant: in a closed loop at
 * 200 it opened dozens to hundreds of new ones mid-run, beside the 200 warmed ones, and their
 * set-up on a saturated two-core machine made the slowest answers of Paydesk and of the bare app
 * alike. Both apps get the same pool.
 */
setGlobalDispatcher(
  new Agent({ connections: MOST_IN_FLIGHT, keepAliveTimeout: 60_000, keepAliveMaxTimeout: 600_000 }),
);

export type PreparedRequest = { url: string; headers: Record<string, string>; body: string };

export type LoadOrder = {
  id: number;
  requests: PreparedRequest[];
  /** Keep-alive connections opened to this origin first, so the timed run does not set them up. */
  warm: { origin: string; connections: number };
} & ({ concurrency: number } | { perSecond: number });

/** The load's result, and each request's HTTP status in order (0 when it failed outright). */
export type LoadReport = LoadResult & { statusOf: number[] };

async function run(order: LoadOrder): Promise<LoadReport> {
  await openConnections(order.warm.origin, order.warm.connections);
  const statusOf: number[] = new Array(order.requests.length).fill(0);
  const send = async (i: number) => {
    const request = order.requests[i] as PreparedRequest;
    const status = await post(request.url, request.body, request.headers);
    statusOf[i] = status;
    return status;
  };
  const result =
    'concurrency' in order
      ? await runClosedLoop(order.requests.length, order.concurrency, send)
      : await runOpenLoop(order.requests.length, order.perSecond, send);
  return { ...result, statusOf };
}

process.on('message', (order: LoadOrder) => {
  run(order).then(
    (report) => process.send?.({ id: order.id, ok: true, report }),
    (error: Error) => process.send?.({ id: order.id, ok: false, error: error.stack ?? error.message }),
  );
});
process.on('disconnect', () => process.exit(0));
process.send?.({ id: 0, ok: true });
