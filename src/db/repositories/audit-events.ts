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
    async tryInsert(entry) {
      try {
        await audit.collection.insertOne({ ...entry });
        return true;
      } catch (error) {
        if (isDuplicateKeyError(error)) return false;
        throw error;
      }
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
