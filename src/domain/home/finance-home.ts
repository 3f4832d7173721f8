import type { AuditEntry } from '../audit/types';
import type { BalanceSummary } from '../ports/stripe-gateway';
import { expiresAt, pendingApprovers, type WaitingRequest } from '../requests/waiting';
import type { Topup } from '../topups/types';
import type { HomeDeps, OwnRequest } from './ports';
import { type WriterAttention, writersNeedingAttention } from './writer-attention';

/** How much each list reads; the view shows fewer and says how many more there are. */
const OWN_REQUESTS = 20;
const WRITERS_READ = 500;
const ACTIVITY = 10;
/** Per kind: more than the Home lists, which counts the rest from `waitingTotal`. */
const WAITING_READ = 50;

export type WaitingForYou = WaitingRequest & { expiresAt: Date | null };

export type FinanceHome = {
  kind: 'finance';
  viewer: string;
  now: Date;
  /** Null when Stripe did not answer; the rest of the Home still shows. */
  balance: BalanceSummary | null;
  inFlight: Topup[];
  /** Requests this person may approve now, oldest first (the oldest few of each kind). */
  waitingForYou: WaitingForYou[];
  /** How many requests this person may approve in all; the list when absent. */
  waitingTotal?: number;
  ownRequests: OwnRequest[];
  writers: WriterAttention[];
  activity: AuditEntry[];
  /** Writer id → Slack user, so activity about a writer names them instead of showing an id. */
  writerUsers: Map<string, string>;
};

/** The finance Home: what Stripe holds, what waits for this person, their requests, writers, activity. */
export async function loadFinanceHome(deps: HomeDeps, viewer: string): Promise<FinanceHome> {
  const [balance, inFlight, waiting, members, ownRequests, writers, activity] = await Promise.all([
    deps.balance().catch(() => null),
    deps.topups.inFlight(),
    deps.waiting.waitingFor(viewer, WAITING_READ),
    deps.finance.members(),
    deps.ownRequests.requestedBy(viewer, OWN_REQUESTS),
    deps.writers.list(WRITERS_READ),
    deps.audit.latest(ACTIVITY),
  ]);
  // The query already asks what the viewer may approve; someone no longer in finance may approve nothing.
  const member = members.includes(viewer);
  const waitingForYou = waiting.items
    .filter((request) => member && pendingApprovers(request, members).includes(viewer))
    .map((request) => ({ ...request, expiresAt: expiresAt(request, deps.policy.requestExpiryDays) }));
  return {
    kind: 'finance',
    viewer,
    now: deps.clock(),
    balance,
    inFlight,
    waitingForYou,
    waitingTotal: member ? waiting.total : 0,
    ownRequests,
    writers: writersNeedingAttention(writers),
    activity,
    writerUsers: new Map(writers.map((writer) => [writer.id, writer.slackUserId])),
  };
}
