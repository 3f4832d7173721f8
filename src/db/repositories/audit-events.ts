import type { AuditEntry, AuditStore } from '../../domain/audit/types';
import type { Models } from '../models';
import { isDuplicateKeyError } from './errors';

const PROJECTION = { _id: 0 } as const;

/** Insert-only access to auditEvents; there is deliberately no update or delete here. */
export function auditEventsRepository(models: Models): AuditStore {
  const audit = models.auditEvents;
  return {
    async last() {
      const entry = await audit.findOne({}, PROJECTION).sort({ seq: -1 }).lean<AuditEntry>();
      return entry ?? undefined;
    },
    async tryInsertChain(entries) {
      // One insert at a time: not every MongoDB-compatible server stops an ordered bulk
      // insert at the first duplicate, and a gap in what we think we wrote breaks the chain.
      let written = 0;
      for (const entry of entries) {
        try {
          await audit.collection.insertOne({ ...entry });
          written += 1;
        } catch (error) {
          if (isDuplicateKeyError(error)) return written;
          throw error;
        }
      }
      return written;
    },
    async latest(limit) {
      return audit.find({}, PROJECTION).sort({ seq: -1 }).limit(limit).lean<AuditEntry[]>();
    },
    async *inOrder(range) {
      const filter: Record<string, unknown> = {};
      if (range?.from || range?.to) {
        filter.at = { ...(range.from ? { $gte: range.from } : {}), ...(range.to ? { $lt: range.to } : {}) };
      }
      const cursor = audit.find(filter, PROJECTION).sort({ seq: 1 }).lean<AuditEntry[]>().cursor();
      for await (const entry of cursor) yield entry as unknown as AuditEntry;
    },
  };
}
