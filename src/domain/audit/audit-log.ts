import { findChainBreak, GENESIS_HASH, hashEntry } from './chain';
import { sanitizeDetails } from './sanitize';
import type { AuditEntry, AuditFact, AuditStore } from './types';

const MAX_ATTEMPTS = 1000;
const MAX_BATCH = 200;

type Pending = { fact: AuditFact; resolve: (entry: AuditEntry) => void; reject: (error: unknown) => void };

/**
 * The one way anything is written to the audit trail. Within a process, appends queue up and
 * are written as one ordered batch, chained on the last stored entry; between replicas the
 * unique seq decides: whoever loses re-reads the tail and chains on top of the winner.
 */
export function auditLog(deps: { store: AuditStore; clock: () => Date }) {
  const pending: Pending[] = [];
  let draining = false;

  function chainOnto(last: AuditEntry | undefined, facts: AuditFact[]): AuditEntry[] {
    let prevHash = last?.hash ?? GENESIS_HASH;
    let seq = last?.seq ?? 0;
    const at = deps.clock();
    return facts.map((fact) => {
      seq += 1;
      const base = {
        seq,
        at,
        actor: fact.actor,
        action: fact.action,
        subject: fact.subject,
        details: sanitizeDetails(fact.details ?? {}),
      };
      const entry: AuditEntry = { ...base, prevHash, hash: hashEntry(prevHash, base) };
      prevHash = entry.hash;
      return entry;
    });
  }

  async function writeBatch(batch: Pending[]): Promise<void> {
    let remaining = batch;
    for (let attempt = 0; attempt < MAX_ATTEMPTS && remaining.length > 0; attempt += 1) {
      const entries = chainOnto(
        await deps.store.last(),
        remaining.map((item) => item.fact),
      );
      const written = await deps.store.tryInsertChain(entries);
      for (const [i, item] of remaining.slice(0, written).entries()) item.resolve(entries[i] as AuditEntry);
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

    async verify(): Promise<{ count: number; firstBreak?: { seq: number; reason: string } }> {
      const entries: AuditEntry[] = [];
      for await (const entry of deps.store.inOrder()) entries.push(entry);
      return findChainBreak(entries);
    },

    inOrder(range?: { from?: Date; to?: Date }): AsyncIterable<AuditEntry> {
      return deps.store.inOrder(range);
    },
  };
}

export type AuditLog = ReturnType<typeof auditLog>;
