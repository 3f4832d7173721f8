import type { Logger } from '../../logger';
import { type ChainReport, GENESIS_HASH, hashEntry, macEntry, verifyChain } from './chain';
import { sanitizeDetails } from './sanitize';
import {
  type AuditCheckpoint,
  type AuditCheckpointChannel,
  type AuditEntry,
  type AuditFact,
  type AuditStore,
  KEYED_MAC,
} from './types';
import { wellFormed } from './well-formed';

const MAX_ATTEMPTS = 1000;
const MAX_BATCH = 200;

type Pending = { fact: AuditFact; resolve: (entry: AuditEntry) => void; reject: (error: unknown) => void };

/** What `/payouts audit verify` learns: the chain, held against the checkpoints in the channel. */
export type AuditVerification = ChainReport & {
  /** Whether entries are keyed here (AUDIT_HMAC_KEY set); without it new entries get the plain hash. */
  keyed: boolean;
  /** Why the checkpoints could not be read (then only the chain itself was checked). */
  checkpointsUnreadable?: string;
  /** The checkpoint this verify posted for the head it saw. */
  posted?: AuditCheckpoint;
  /** Why that checkpoint could not be posted. */
  postFailed?: string;
};

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The one way anything is written to the audit trail. Within a process, appends queue up and
 * are written as one ordered batch, chained on the last stored entry; between replicas the
 * unique seq decides: whoever loses re-reads the tail and chains on top of the winner.
 *
 * With a key, every new entry is MACed (HMAC-SHA256), continuing from whatever was stored before,
 * plain-hash entries included; without one (allowed outside production) entries get the plain hash.
 */
export function auditLog(deps: {
  store: AuditStore;
  clock: () => Date;
  key?: Buffer;
  /** Where checkpoints of the head are posted and read back; without it verify checks the chain only. */
  checkpoints?: AuditCheckpointChannel;
  logger?: Logger;
}) {
  const pending: Pending[] = [];
  let draining = false;

  function chainOnto(last: AuditEntry | undefined, facts: AuditFact[]): AuditEntry[] {
    let prevHash = last?.hash ?? GENESIS_HASH;
    let seq = last?.seq ?? 0;
    const at = deps.clock();
    return facts.map((fact) => {
      seq += 1;
      // Stored exactly as hashed: the database would turn a lone surrogate into U+FFFD anyway.
      const content = wellFormed({
        actor: fact.actor,
        action: fact.action,
        subject: fact.subject,
        details: sanitizeDetails(fact.details ?? {}),
      });
      const entry: AuditEntry = deps.key
        ? { seq, at, ...content, mac: KEYED_MAC, prevHash, hash: '' }
        : { seq, at, ...content, prevHash, hash: '' };
      entry.hash = deps.key ? macEntry(deps.key, prevHash, entry) : hashEntry(prevHash, entry);
      prevHash = entry.hash;
      return entry;
    });
  }

  /**
   * The head this process last wrote. Chaining on it saves reading the head (a sort over the whole
   * trail on servers that do not use the index for it) before each batch; the unique sequence
   * number still decides: if another replica wrote in between, the insert fails and the head is read.
   */
  let knownHead: AuditEntry | undefined;

  async function writeBatch(batch: Pending[]): Promise<void> {
    let remaining = batch;
    for (let attempt = 0; attempt < MAX_ATTEMPTS && remaining.length > 0; attempt += 1) {
      const entries = chainOnto(
        knownHead ?? (await deps.store.last()),
        remaining.map((item) => item.fact),
      );
      knownHead = undefined;
      const written = await deps.store.tryInsertChain(entries);
      for (const [i, item] of remaining.slice(0, written).entries()) item.resolve(entries[i] as AuditEntry);
      // All written: the next batch chains on the last of them without asking the database. Any
      // shortfall (another replica took the next number) reads the head again.
      if (written === entries.length) knownHead = entries.at(-1);
      remaining = remaining.slice(written);
      if (remaining.length > 0 && written === 0) {
        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(20, attempt + 1)));
      }
    }
    if (remaining.length > 0) {
      const error = new Error('audit append kept losing the race for the next sequence number');
      for (const item of remaining) item.reject(error);
    }
  }

  async function drain(): Promise<void> {
    if (draining) return;
    draining = true;
    try {
      while (pending.length > 0) {
        const batch = pending.splice(0, MAX_BATCH);
        try {
          await writeBatch(batch);
        } catch (error) {
          for (const item of batch) item.reject(error);
        }
      }
    } finally {
      draining = false;
    }
  }

  return {
    append(fact: AuditFact): Promise<AuditEntry> {
      return new Promise<AuditEntry>((resolve, reject) => {
        pending.push({ fact, resolve, reject });
        void drain();
      });
    },

    latest(limit = 20): Promise<AuditEntry[]> {
      return deps.store.latest(limit);
    },

    /**
     * Checks the whole chain against the checkpoints in the channel, then posts a checkpoint of
     * the head it saw, so the next verify can tell if anything up to here changes.
     */
    async verify(): Promise<AuditVerification> {
      let checkpoints: AuditCheckpoint[] = [];
      let checkpointsUnreadable: string | undefined;
      if (deps.checkpoints) {
        try {
          checkpoints = await deps.checkpoints.read();
        } catch (error) {
          checkpointsUnreadable = describe(error);
          deps.logger?.warn({ err: error }, 'could not read the audit checkpoints');
        }
      }
      const entries: AuditEntry[] = [];
      for await (const entry of deps.store.inOrder()) entries.push(entry);
      const report = verifyChain(entries, { key: deps.key, checkpoints });
      const verification: AuditVerification = {
        ...report,
        keyed: deps.key !== undefined,
        ...(checkpointsUnreadable === undefined ? {} : { checkpointsUnreadable }),
      };
      if (deps.checkpoints && report.head) {
        const checkpoint = { seq: report.head.seq, mac: report.head.mac, at: deps.clock() };
        try {
          await deps.checkpoints.post(checkpoint, 'verify');
          verification.posted = checkpoint;
        } catch (error) {
          verification.postFailed = describe(error);
          deps.logger?.warn({ err: error }, 'could not post the audit checkpoint');
        }
      }
      return verification;
    },

    /**
     * The daily checkpoint: posts the head unless the channel already has a checkpoint from the
     * last day, or one of this very head. Resolves what it posted.
     */
    async checkpointIfDue(): Promise<AuditCheckpoint | undefined> {
      if (!deps.checkpoints) return undefined;
      const head = await deps.store.last();
      if (!head) return undefined;
      const now = deps.clock();
      const [latest] = await deps.checkpoints.read({ limit: 1 });
      if (latest && latest.seq === head.seq && latest.mac === head.hash) return undefined;
      if (latest && now.getTime() - latest.at.getTime() < DAY_MS) return undefined;
      const checkpoint = { seq: head.seq, mac: head.hash, at: now };
      await deps.checkpoints.post(checkpoint, 'daily');
      return checkpoint;
    },

    inOrder(range?: { from?: Date; to?: Date }): AsyncIterable<AuditEntry> {
      return deps.store.inOrder(range);
    },
  };
}

export type AuditLog = ReturnType<typeof auditLog>;

/** The channel adapter's errors say what went wrong (e.g. `not_in_channel`) in their message. */
function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
