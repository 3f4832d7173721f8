import { Types } from 'mongoose';
import type { Clock } from '../../clock';
import type { NewPayoutRun, PayoutRunsStore } from '../../domain/batch/ports';
import type { BatchWriterDirectory } from '../../domain/batch/resolve';
import type {
  PayoutRun,
  PayoutRunHeader,
  RetryPlanEntry,
  RunPause,
  RunProgress,
} from '../../domain/batch/types';
import type { Writer } from '../../domain/onboarding/types';
import type { Transfer } from '../../domain/transfers/types';
import type { Models } from '../models';
import { approvableRequests, objectIdOrUndefined, toPlain } from './approvable-requests';
import { countersRepository, formatRef } from './counters';

/** Everything but the (up to 10,000) lines: what messages and status checks need. */
const HEADER = { lines: 0, skipped: 0 } as const;
const NO_LEASE = { holder: null, expiresAt: new Date(0) };

/**
 * Payout runs. Every status change is a compare-and-set on the expected status; the lease
 * (holder + expiry, inside the run) decides which process drives a running run, so a crashed
 * process's run is taken over once its lease expires, and never by two at once.
 */
export function payoutRunsRepository(models: Models, clock: Clock): PayoutRunsStore {
  const runs = models.payoutRuns;
  const requests = approvableRequests<PayoutRun>(runs, clock);
  const counters = countersRepository(models);
  const header = (doc: unknown) =>
    toPlain<PayoutRunHeader>(doc as Parameters<typeof toPlain<PayoutRunHeader>>[0]);
  const full = (doc: unknown) => toPlain<PayoutRun>(doc as Parameters<typeof toPlain<PayoutRun>>[0]);

  /** Still the pause a Resume or Cancel read (runs stored before pauses were counted have none). */
  const samePause = (pauseCount: number) =>
    pauseCount === 0 ? { pauseCount: { $in: [0, null] } } : { pauseCount };

  async function casHeader(
    id: string,
    filter: Record<string, unknown>,
    update: Record<string, unknown>,
  ): Promise<PayoutRunHeader | undefined> {
    const _id = objectIdOrUndefined(id);
    if (!_id) return undefined;
    const doc = await runs
      .findOneAndUpdate({ _id, ...filter }, update, { returnDocument: 'after', projection: HEADER })
      .lean();
    return header(doc);
  }

  return {
    ...requests,

    /** Stores the run, lines and all, with its idempotency key `batch:<id>`, before anything moves. */
    async create(fields: NewPayoutRun): Promise<PayoutRun> {
      const _id = new Types.ObjectId();
      const doc = await runs.create({
        ...fields,
        _id,
        ref: formatRef('PR', await counters.next('payoutRun')),
        idempotencyKey: `batch:${_id.toString()}`,
        updatedAt: fields.requestedAt,
      });
      return full(doc.toObject()) as PayoutRun;
    },

    async loadHeader(id: string): Promise<PayoutRunHeader | undefined> {
      const _id = objectIdOrUndefined(id);
      return _id ? header(await runs.findById(_id, HEADER).lean()) : undefined;
    },

    /**
     * Takes (or renews) the right to drive an approved or running run: only when nobody holds it,
     * or its holder's lease expired (a crashed process), or it is already ours.
     */
    async claimLease(id: string, holder: string, now: Date, leaseMs: number): Promise<PayoutRun | undefined> {
      const _id = objectIdOrUndefined(id);
      if (!_id) return undefined;
      const doc = await runs
        .findOneAndUpdate(
          {
            _id,
            status: { $in: ['approved', 'running'] },
            $or: [{ 'lease.expiresAt': { $lt: now } }, { 'lease.holder': holder }],
          },
          { $set: { lease: { holder, expiresAt: new Date(now.getTime() + leaseMs) } } },
          { returnDocument: 'after' },
        )
        .lean();
      return full(doc);
    },

    async renewLease(id: string, holder: string, now: Date, leaseMs: number): Promise<boolean> {
      const _id = objectIdOrUndefined(id);
      if (!_id) return false;
      const result = await runs.updateOne(
        { _id, status: 'running', 'lease.holder': holder },
        { $set: { 'lease.expiresAt': new Date(now.getTime() + leaseMs) } },
      );
      return result.matchedCount === 1;
    },

    async releaseLease(id: string, holder: string): Promise<void> {
      const _id = objectIdOrUndefined(id);
      if (_id) await runs.updateOne({ _id, 'lease.holder': holder }, { $set: { lease: NO_LEASE } });
    },

    /** approved → running, by the lease holder. */
    start(id: string, holder: string, now: Date) {
      return casHeader(
        id,
        { status: 'approved', 'lease.holder': holder },
        { $set: { status: 'running', startedAt: now, updatedAt: now } },
      );
    },

    /** running → paused by the lease holder, which lets go of the lease at the same time. */
    pause(id: string, holder: string, pause: RunPause, progress: RunProgress) {
      return casHeader(
        id,
        { status: 'running', 'lease.holder': holder },
        {
          $set: { status: 'paused', pause, progress, lease: NO_LEASE, updatedAt: pause.at },
          $inc: { pauseCount: 1 },
        },
      );
    },

    /**
     * paused → running (Resume), only once nobody drives it any more. The retry plan names the
     * new attempts (and so the cap reserved for them) this resume allows.
     */
    resume(id: string, by: string, now: Date, retryPlan: RetryPlanEntry[], pauseCount: number) {
      return casHeader(
        id,
        { status: 'paused', 'lease.expiresAt': { $lt: now }, ...samePause(pauseCount) },
        {
          $set: { status: 'running', pause: null, resumedAt: now, resumedBy: by, retryPlan, updatedAt: now },
        },
      );
    },

    /** requested | paused → canceled; a paused run only once its lease expired (nobody drives it). */
    cancel(id, from, cancellation, pauseCount) {
      const now = cancellation.at;
      return casHeader(
        id,
        {
          status: from,
          ...(from === 'paused' ? { 'lease.expiresAt': { $lt: now }, ...samePause(pauseCount) } : {}),
        },
        {
          $set: {
            status: 'canceled',
            cancellation,
            ...(from === 'requested' ? { decidedAt: now } : {}),
            updatedAt: now,
          },
        },
      );
    },

    /**
     * running → completed by the lease holder; the summary is then owed (`pending`). The holder
     * keeps the lease while it posts the summary; if it dies doing so, the lease expires and
     * `claimSummary` lets another process post it.
     */
    complete(id: string, holder: string, progress: RunProgress, now: Date, leaseMs: number) {
      return casHeader(
        id,
        { status: 'running', 'lease.holder': holder },
        {
          $set: {
            status: 'completed',
            progress,
            completedAt: now,
            summaryState: 'pending',
            lease: { holder, expiresAt: new Date(now.getTime() + leaseMs) },
            updatedAt: now,
          },
        },
      );
    },

    async claimSummary(
      id: string,
      holder: string,
      now: Date,
      leaseMs: number,
    ): Promise<PayoutRun | undefined> {
      const _id = objectIdOrUndefined(id);
      if (!_id) return undefined;
      const doc = await runs
        .findOneAndUpdate(
          { _id, status: 'completed', summaryState: 'pending', 'lease.expiresAt': { $lt: now } },
          { $set: { lease: { holder, expiresAt: new Date(now.getTime() + leaseMs) } } },
          { returnDocument: 'after' },
        )
        .lean();
      return full(doc);
    },

    async setProgress(id: string, progress: RunProgress): Promise<void> {
      const _id = objectIdOrUndefined(id);
      if (_id) await runs.updateOne({ _id }, { $set: { progress } });
    },

    async markSummaryPosted(id: string, resultsFileId: string | null): Promise<boolean> {
      const _id = objectIdOrUndefined(id);
      if (!_id) return false;
      const result = await runs.updateOne(
        { _id, summaryState: 'pending' },
        { $set: { summaryState: 'posted', resultsFileId } },
      );
      return result.modifiedCount === 1;
    },

    /** Runs a start-up (or the reconciler) should pick up: unfinished, or finished without a summary. */
    async listUnfinished(): Promise<PayoutRunHeader[]> {
      const docs = await runs
        .find(
          {
            $or: [
              { status: { $in: ['approved', 'running'] } },
              { status: 'completed', summaryState: 'pending' },
            ],
          },
          HEADER,
        )
        .sort({ requestedAt: 1 })
        .limit(100)
        .lean();
      return docs.map((doc) => header(doc) as PayoutRunHeader);
    },

    async listPaused(): Promise<PayoutRunHeader[]> {
      const docs = await runs.find({ status: 'paused' }, HEADER).sort({ requestedAt: 1 }).limit(100).lean();
      return docs.map((doc) => header(doc) as PayoutRunHeader);
    },

    async listOpen(limit, statuses = ['requested', 'approved', 'running', 'paused']) {
      const docs = await runs
        .find({ status: { $in: statuses } }, HEADER)
        .sort({ requestedAt: 1 })
        .limit(limit)
        .lean();
      return docs.map((doc) => header(doc) as PayoutRunHeader);
    },

    async listRequestedBefore(cutoff: Date, limit: number): Promise<PayoutRunHeader[]> {
      const docs = await runs
        .find({ status: 'requested', requestedAt: { $lt: cutoff } }, HEADER)
        .sort({ requestedAt: 1 })
        .limit(limit)
        .lean();
      return docs.map((doc) => header(doc) as PayoutRunHeader);
    },

    /** requested → expired, only while still waiting and requested before the cutoff. */
    expire(id: string, cutoff: Date, now: Date) {
      return casHeader(
        id,
        { status: 'requested', requestedAt: { $lt: cutoff } },
        { $set: { status: 'expired', decidedAt: now, updatedAt: now } },
      );
    },

    /** Every transfer (every attempt) made for the run's lines, by line then attempt. */
    async lineTransfers(runId: string): Promise<Transfer[]> {
      const docs = await models.transfers.find({ batchId: runId }).sort({ line: 1, attempt: 1 }).lean();
      return docs.map((doc) => toPlain<Transfer>(doc) as Transfer);
    },
  };
}

/** Writers for a run's CSV, looked up in bulk. */
export function batchWriterDirectory(models: Models): BatchWriterDirectory {
  const plain = (doc: unknown) => toPlain<Writer>(doc as Parameters<typeof toPlain<Writer>>[0]) as Writer;
  return {
    async byIds(ids) {
      const objectIds = ids.flatMap((id) => objectIdOrUndefined(id) ?? []);
      const writers: Writer[] = [];
      // In slices, so a 10,000-line run is a few modest queries rather than one huge `$in`.
      for (let i = 0; i < objectIds.length; i += 1000) {
        const docs = await models.writers.find({ _id: { $in: objectIds.slice(i, i + 1000) } }).lean();
        writers.push(...docs.map(plain));
      }
      return writers;
    },
    async bySlackUserIds(teamId, userIds) {
      const docs = await models.writers.find({ slackTeamId: teamId, slackUserId: { $in: userIds } }).lean();
      return docs.map(plain);
    },
    async byStripeAccountIds(teamId, accountIds) {
      // Through stripeAccounts (unique on the id), then only writers still on that account.
      const links = await models.stripeAccounts.find({ stripeAccountId: { $in: accountIds } }).lean();
      const wanted = new Set(accountIds);
      const docs = await models.writers
        .find({ _id: { $in: links.flatMap((link) => objectIdOrUndefined(String(link.writerId)) ?? []) } })
        .lean();
      return docs
        .map(plain)
        .filter((writer) => writer.slackTeamId === teamId && wanted.has(writer.stripeAccountId ?? ''));
    },
    async byEmails(teamId, emails) {
      // Stored emails come from Slack's directory (lower case in practice); the CSV's spelling
      // and its lower case are both looked up, and the match is made case-insensitively.
      const wanted = new Set(emails.map((email) => email.toLowerCase()));
      const docs = await models.writers
        .find({ slackTeamId: teamId, email: { $in: [...new Set([...wanted, ...emails])] } })
        .lean();
      return docs.map(plain).filter((writer) => writer.email && wanted.has(writer.email.toLowerCase()));
    },
  };
}
