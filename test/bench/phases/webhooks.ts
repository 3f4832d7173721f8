import {
  type BenchEvent,
  deliver,
  deliveryRequest,
  type SignedDelivery,
  signDelivery,
  unknownEvent,
} from '../events';
import { type LatencyStats, seededRandom, shuffle } from '../load';
import type { BenchWorld } from '../world';

export const WEBHOOK_CONCURRENCY = 50;
export const DUPLICATE_SHARE = 0.2;

type Intake = { eventsPerSecond: number; stats: LatencyStats; statuses: Record<number, number> };

export type WebhookRow = {
  deliveries: number;
  unique: number;
  duplicates: number;
  concurrency: number;
  /** Unique events per type. */
  mix: Record<string, number>;
  paydesk: Intake;
  bare: Intake;
  /** events/s (Paydesk) / events/s (bare). */
  throughputRatio: number;
  /** Deliveries Paydesk did not answer 200 (409: its twin was being processed at that moment). */
  answeredNon200: number;
  /** Events the bench delivered again afterwards because they were not processed yet, as Stripe would. */
  redelivered: number;
  /**
   * Events answered 200 but never processed, events still unprocessed after redelivery, and
   * top-ups whose state did not follow Stripe's.
   */
  lost: number;
  /** The same state change recorded (audited) more than once. */
  appliedTwice: number;
  /** Top-up state changes the events carried, and how many were applied. */
  expectedChanges: number;
  appliedChanges: number;
};

/** Share of the unique events per kind; the rest are types Paydesk has no handler for. */
const MIX = {
  'topup.succeeded': 0.25,
  'topup.failed': 0.1,
  'topup.created': 0.2,
  'transfer.created': 0.2,
  'account.updated': 0.125,
};

/**
 * Real events from the simulator where the earlier phases made them (top-ups settled or failed
 * now, top-ups and transfers created, accounts activated), topped up with unknown types.
 */
function uniqueEvents(
  world: BenchWorld,
  unique: number,
): { events: BenchEvent[]; settled: string[]; failed: string[] } {
  const want = (type: keyof typeof MIX) => Math.round(unique * MIX[type]);
  const pending = world.stripe.listTopups().filter((topup) => topup.status === 'pending');
  const settled = pending.slice(0, want('topup.succeeded')).map((topup) => topup.id);
  const failed = pending
    .slice(settled.length, settled.length + want('topup.failed'))
    .map((topup) => topup.id);
  for (const id of settled) world.stripe.settleTopup(id);
  for (const id of failed) world.stripe.failTopup(id, 'insufficient_funds');

  const all: BenchEvent[] = world.stripe.events();
  const ofType = (type: keyof typeof MIX, keep: (event: BenchEvent) => boolean = () => true) =>
    all.filter((event) => event.type === type && keep(event)).slice(0, want(type));
  const transfersActive = (event: BenchEvent) =>
    (event.data.object as { capabilities?: { transfers?: string } }).capabilities?.transfers === 'active';
  const events = [
    ...ofType('topup.succeeded'),
    ...ofType('topup.failed'),
    ...ofType('topup.created'),
    ...ofType('transfer.created'),
    ...ofType('account.updated', transfersActive),
  ];
  while (events.length < unique) events.push(unknownEvent());
  return { events, settled, failed };
}

async function intake(
  world: BenchWorld,
  url: string,
  deliveries: SignedDelivery[],
  answered: (delivery: SignedDelivery, status: number) => void = () => {},
): Promise<Intake> {
  const result = await world.load.run(
    deliveries.map((delivery) => deliveryRequest(url, delivery)),
    { concurrency: WEBHOOK_CONCURRENCY },
    WEBHOOK_CONCURRENCY,
  );
  for (const [i, delivery] of deliveries.entries()) answered(delivery, result.statusOf[i] ?? 0);
  return {
    eventsPerSecond: (deliveries.length / result.wallMs) * 1000,
    stats: result.stats,
    statuses: result.statuses,
  };
}

/**
 * `total` signed deliveries, `DUPLICATE_SHARE` of them repeats of another (shuffled, so some
 * arrive alongside their twin), at concurrency 50 to the bare handler and to Paydesk; then
 * Paydesk's database is checked for events lost and state changes applied twice.
 */
export async function webhookPhase(world: BenchWorld, total: number, seed = 42): Promise<WebhookRow> {
  const unique = Math.round(total * (1 - DUPLICATE_SHARE));
  const { events, settled, failed } = uniqueEvents(world, unique);
  const random = seededRandom(seed);
  const repeats = Array.from(
    { length: total - unique },
    () => events[Math.floor(random() * events.length)] as BenchEvent,
  );
  const deliveries = shuffle([...events, ...repeats], seed).map(signDelivery);
  const models = world.db.models;
  const lastSeq = (await models.auditEvents.findOne().sort({ seq: -1 }).lean())?.seq ?? 0;

  const bare = await world.measure(
    'webhooks',
    deliveries.length,
    () => intake(world, world.bare.urls.webhooks, deliveries),
    'bare',
  );
  const acknowledged = new Set<string>();
  const paydesk = await world.measure('webhooks', deliveries.length, async () => {
    const result = await intake(world, world.paydesk.urls.webhooks, deliveries, (delivery, status) => {
      if (status === 200) acknowledged.add(delivery.eventId);
    });
    await world.paydesk.drain();
    return result;
  });

  const ids = new Set(events.map((event) => event.id));
  const unprocessed = async () => {
    const records = await models.stripeEvents.find({}, { eventId: 1, processedAt: 1 }).lean();
    const processed = new Set(records.filter((record) => record.processedAt).map((record) => record.eventId));
    return [...ids].filter((id) => !processed.has(id));
  };
  const droppedAfter200 = (await unprocessed()).filter((id) => acknowledged.has(id)).length;
  // Stripe delivers again whatever was not answered 2xx; so does the bench, until it is processed.
  const byId = new Map(events.map((event) => [event.id, event]));
  let redelivered = 0;
  for (let round = 0; round < 3; round += 1) {
    const missing = await unprocessed();
    if (missing.length === 0) break;
    redelivered += missing.length;
    for (const id of missing)
      await deliver(world.paydesk.urls.webhooks, signDelivery(byId.get(id) as BenchEvent));
    await world.paydesk.drain();
  }
  const stillMissing = (await unprocessed()).length;

  const stored = await models.topups
    .find({ stripeTopupId: { $in: [...settled, ...failed] } }, { stripeTopupId: 1, status: 1 })
    .lean();
  const expected = new Map([
    ...settled.map((id) => [id, 'succeeded'] as const),
    ...failed.map((id) => [id, 'failed'] as const),
  ]);
  const storedStatus = new Map(stored.map((topup) => [topup.stripeTopupId, topup.status]));
  const notFollowed = [...expected].filter(([id, status]) => storedStatus.get(id) !== status).length;

  const audited = await models.auditEvents.find({ seq: { $gt: lastSeq }, 'actor.kind': 'stripe' }).lean();
  const changes = new Map<string, number>();
  for (const entry of audited) {
    const key = `${entry.action} ${entry.subject.id}`;
    changes.set(key, (changes.get(key) ?? 0) + 1);
  }
  const appliedTwice = [...changes.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
  const appliedChanges = audited.filter((entry) => /^topup\.(succeeded|failed)$/.test(entry.action)).length;

  const mix: Record<string, number> = {};
  for (const event of events) {
    const kind = event.id.startsWith('evt_bench') ? 'unknown types' : event.type;
    mix[kind] = (mix[kind] ?? 0) + 1;
  }
  return {
    deliveries: deliveries.length,
    unique,
    duplicates: total - unique,
    concurrency: WEBHOOK_CONCURRENCY,
    mix,
    paydesk,
    bare,
    throughputRatio: paydesk.eventsPerSecond / bare.eventsPerSecond,
    answeredNon200: deliveries.length - (paydesk.statuses[200] ?? 0),
    redelivered,
    lost: droppedAfter200 + stillMissing + notFollowed,
    appliedTwice,
    expectedChanges: expected.size,
    appliedChanges,
  };
}
