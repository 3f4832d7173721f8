import { createHash, createHmac } from 'node:crypto';
import { canonicalJson } from './canonical';
import { type AuditCheckpoint, type AuditEntry, KEYED_MAC } from './types';
import { wellFormed } from './well-formed';

export const GENESIS_HASH = '0'.repeat(64);

type EntryContent = Omit<AuditEntry, 'hash' | 'prevHash'>;

/**
 * The plain hash entries were chained with before the key existed. Kept byte for byte as it was,
 * because those entries are still checked with it; anyone can recompute it, so it proves nothing
 * on its own about entries that are not followed by keyed ones.
 */
export function hashEntry(prevHash: string, entry: EntryContent): string {
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

/**
 * HMAC-SHA256 over the scheme, the previous entry's MAC and the entry's canonical content (the
 * scheme included, so an entry cannot be relabelled). Strings are made well-formed first: the
 * database keeps only well-formed text, so that is the only form that can be checked later.
 */
export function macEntry(key: Buffer, prevHash: string, entry: EntryContent): string {
  const content = wellFormed({
    seq: entry.seq,
    at: entry.at,
    actor: entry.actor,
    action: entry.action,
    subject: entry.subject,
    details: entry.details,
    mac: KEYED_MAC,
  });
  return createHmac('sha256', key)
    .update(`${KEYED_MAC}\n${prevHash}\n`)
    .update(canonicalJson(content))
    .digest('hex');
}

/** A place where the trail stops being trustworthy; entries 1..intactThrough are not in doubt. */
export type ChainBreak = {
  seq: number;
  reason: string;
  intactThrough: number;
  /** The checkpoint that revealed it, when only a checkpoint could. */
  checkpoint?: AuditCheckpoint;
};

export type ChainReport = {
  /** Entries stored. */
  count: number;
  head?: { seq: number; mac: string };
  /** Entries 1..hashOnlyThrough were written before the keyed chain and are checked by hash only. */
  hashOnlyThrough?: number;
  /** The first keyed entry. */
  keyedFrom?: number;
  checkpoints: { total: number; matched: number; latest?: AuditCheckpoint };
  /** The earliest problem, if any; `problems` has all of them, earliest first. */
  firstBreak?: ChainBreak;
  problems: ChainBreak[];
};

type Walk = { expectedSeq: number; prevHash: string; keyed: boolean };

function checkEntry(entry: AuditEntry, walk: Walk, key: Buffer | undefined): string | undefined {
  const { seq } = entry;
  if (seq !== walk.expectedSeq) {
    if (seq < walk.expectedSeq) return `entry ${seq} is stored twice or out of order`;
    const missing =
      seq - walk.expectedSeq === 1
        ? `entry ${walk.expectedSeq} is missing`
        : `entries ${walk.expectedSeq}–${seq - 1} are missing`;
    return `${missing} (the next stored entry is ${seq}): it was deleted`;
  }
  if (entry.prevHash !== walk.prevHash) {
    const where = `entry ${seq} does not point at the hash of entry ${seq - 1}`;
    // Plain hashes can be recomputed by anyone, so the change may be anywhere before this entry.
    return walk.keyed || seq === 1
      ? where
      : `${where}: it or an entry up to ${seq - 1} (checked by hash only) was changed`;
  }
  if ((entry.mac ?? undefined) === undefined) {
    if (walk.keyed) {
      return `entry ${seq} has only a plain hash although the entries before it are keyed: it was rewritten without the key`;
    }
    return hashEntry(entry.prevHash, entry) === entry.hash
      ? undefined
      : `entry ${seq} was altered: its content no longer matches its hash`;
  }
  if (entry.mac !== KEYED_MAC) return `entry ${seq} names a MAC scheme Paydesk does not know`;
  if (key === undefined)
    return `entry ${seq} is keyed and AUDIT_HMAC_KEY is not set here, so it cannot be checked`;
  return macEntry(key, entry.prevHash, entry) === entry.hash
    ? undefined
    : `entry ${seq} was altered: its content no longer matches its MAC`;
}

/**
 * Walks the entries in seq order, then holds the result against the checkpoints kept outside the
 * database. The walk finds edits, deletions in the middle and rewrites without the key; only the
 * checkpoints can show newest entries deleted, or a stretch recomputed by someone with the key.
 */
export function verifyChain(
  entries: Iterable<AuditEntry>,
  options: { key?: Buffer; checkpoints?: AuditCheckpoint[] } = {},
): ChainReport {
  const checkpoints = uniqueCheckpoints(options.checkpoints ?? []);
  const wanted = new Set(checkpoints.map((checkpoint) => checkpoint.seq));
  const storedMac = new Map<number, string>();
  const walk: Walk = { expectedSeq: 1, prevHash: GENESIS_HASH, keyed: false };
  const report: ChainReport = {
    count: 0,
    checkpoints: { total: checkpoints.length, matched: 0 },
    problems: [],
  };
  let internal: ChainBreak | undefined;
  let lastSeq = 0;

  for (const entry of entries) {
    report.count += 1;
    lastSeq = entry.seq;
    report.head = { seq: entry.seq, mac: entry.hash };
    if (wanted.has(entry.seq)) storedMac.set(entry.seq, entry.hash);
    if (internal) continue;
    const reason = checkEntry(entry, walk, options.key);
    if (reason !== undefined) {
      // Entries before the break are proven only if they end in a keyed one: a plain-hash run
      // before it could have been changed and re-hashed by anyone.
      const intactThrough = walk.keyed ? walk.expectedSeq - 1 : 0;
      internal = { seq: Math.min(entry.seq, walk.expectedSeq), reason, intactThrough };
      continue;
    }
    if ((entry.mac ?? undefined) === undefined) report.hashOnlyThrough = entry.seq;
    else {
      walk.keyed = true;
      report.keyedFrom ??= entry.seq;
    }
    walk.prevHash = entry.hash;
    walk.expectedSeq += 1;
  }
  if (internal) report.problems.push(internal);

  const trusted = (through: number) => Math.min(through, internal ? internal.intactThrough : through);
  let matchedThrough = 0;
  let rewritten = false;
  for (const checkpoint of checkpoints) {
    if (checkpoint.seq > lastSeq) {
      const highest = checkpoints[checkpoints.length - 1] as AuditCheckpoint;
      const gone =
        highest.seq === lastSeq + 1
          ? `entry ${highest.seq} is gone`
          : `entries ${lastSeq + 1}–${highest.seq} are gone`;
      report.problems.push({
        seq: lastSeq + 1,
        reason: `${gone}: a checkpoint recorded entry ${highest.seq}, and the trail now ${lastSeq === 0 ? 'is empty' : `ends at entry ${lastSeq}`}`,
        intactThrough: trusted(Math.max(matchedThrough, lastSeq)),
        checkpoint: highest,
      });
      break;
    }
    const stored = storedMac.get(checkpoint.seq);
    if (stored === undefined) continue; // a gap, which the walk already reports
    if (stored === checkpoint.mac) {
      report.checkpoints.matched += 1;
      matchedThrough = checkpoint.seq;
    } else if (!rewritten) {
      rewritten = true;
      report.problems.push({
        seq: checkpoint.seq,
        reason: `entry ${checkpoint.seq} no longer has the MAC a checkpoint recorded: an entry from ${matchedThrough + 1} to ${checkpoint.seq} was changed and the chain recomputed`,
        intactThrough: trusted(matchedThrough),
        checkpoint,
      });
    }
  }

  report.problems.sort((a, b) => a.seq - b.seq);
  report.firstBreak = report.problems[0];
  report.checkpoints.latest = checkpoints[checkpoints.length - 1];
  if (report.firstBreak === undefined) delete report.firstBreak;
  if (report.checkpoints.latest === undefined) delete report.checkpoints.latest;
  return report;
}

/** Oldest first, each (seq, MAC) once; two different MACs for one seq are both kept and checked. */
function uniqueCheckpoints(checkpoints: AuditCheckpoint[]): AuditCheckpoint[] {
  const byKey = new Map<string, AuditCheckpoint>();
  for (const checkpoint of checkpoints) {
    const key = `${checkpoint.seq}:${checkpoint.mac}`;
    const known = byKey.get(key);
    if (!known || checkpoint.at < known.at) byKey.set(key, checkpoint);
  }
  return [...byKey.values()].sort((a, b) => a.seq - b.seq || a.at.getTime() - b.at.getTime());
}
