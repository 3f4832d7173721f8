import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical';
import type { AuditEntry } from './types';

export const GENESIS_HASH = '0'.repeat(64);

export function hashEntry(prevHash: string, entry: Omit<AuditEntry, 'hash' | 'prevHash'>): string {
  const body = canonicalJson({
    seq: entry.seq,
    at: entry.at,
    actor: entry.actor,
    action: entry.action,
    subject: entry.subject,
    details: entry.details,
  });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

export type ChainBreak = { seq: number; reason: string };

/** Walks entries in seq order; the first entry that does not follow from the one before is the break. */
export function findChainBreak(entries: Iterable<AuditEntry>): { count: number; firstBreak?: ChainBreak } {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let count = 0;
  for (const entry of entries) {
    count += 1;
    if (entry.seq !== expectedSeq) {
      return {
        count,
        firstBreak: {
          seq: expectedSeq,
          reason: `entry ${expectedSeq} is missing (the next stored entry is ${entry.seq}): it was deleted`,
        },
      };
    }
    if (entry.prevHash !== prevHash) {
      return {
        count,
        firstBreak: {
          seq: entry.seq,
          reason: `entry ${entry.seq} does not point at the hash of entry ${entry.seq - 1}`,
        },
      };
    }
    if (hashEntry(entry.prevHash, entry) !== entry.hash) {
      return {
        count,
        firstBreak: {
          seq: entry.seq,
          reason: `entry ${entry.seq} was altered: its content no longer matches its hash`,
        },
      };
    }
    prevHash = entry.hash;
    expectedSeq += 1;
  }
  return { count };
}
