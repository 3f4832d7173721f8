import { findChainBreak, GENESIS_HASH, hashEntry } from './chain';
import { sanitizeDetails } from './sanitize';
import type { AuditEntry, AuditFact, AuditStore } from './types';

const MAX_ATTEMPTS = 1000;

/**
 * The one way anything is written to the audit trail. Appends in one process are queued so
 * they do not fight each other; appends from other replicas are settled by the unique seq:
 * the loser re-reads the tail and tries again on top of the winner.
 */
export function auditLog(deps: { store: AuditStore; clock: () => Date }) {
  let queue: Promise<unknown> = Promise.resolve();

  async function appendNow(fact: AuditFact): Promise<AuditEntry> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const last = await deps.store.last();
      const base = {
        seq: (last?.seq ?? 0) + 1,
        at: deps.clock(),
        actor: fact.actor,
        action: fact.action,
        subject: fact.subject,
        details: sanitizeDetails(fact.details ?? {}),
      };
      const prevHash = last?.hash ?? GENESIS_HASH;
      const entry: AuditEntry = { ...base, prevHash, hash: hashEntry(prevHash, base) };
      if (await deps.store.tryInsert(entry)) return entry;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(20, attempt + 1)));
    }
    throw new Error('audit append kept losing the race for the next sequence number');
  }

  return {
    append(fact: AuditFact): Promise<AuditEntry> {
      const next = queue.then(
        () => appendNow(fact),
        () => appendNow(fact),
      );
      queue = next.catch(() => {});
      return next;
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
