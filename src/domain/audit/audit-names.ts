import type { AuditEntry } from './types';

/** A writer as the trail names them: their name, and their Slack user for a mention. */
export type NamedWriter = { name: string; slackUserId: string };

/**
 * Names for what audit entries refer to by id: Slack users by their name in Slack, writers by
 * name (their database id is never shown), and the writer a transfer paid.
 */
export type AuditNames = {
  /** A Slack user's name; their user id only when Slack could not say. */
  person(userId: string): string;
  /** The writer an entry is about: its subject, the writer it names, or the transfer's payee. */
  writerOf(entry: AuditEntry): NamedWriter | undefined;
};

/** Where the names come from: Slack (users.info, cached), the writers and the transfers. */
export type AuditNameSources = {
  people: { byId(userId: string): Promise<{ realName: string } | undefined> };
  writers: { findById(id: string): Promise<{ displayName: string; slackUserId: string } | undefined> };
  transfers: { findByRef(ref: string): Promise<{ writerId: string }[]> };
};

/** Lookups at a time: an export of thousands of entries must not fire thousands of calls at once. */
const AT_ONCE = 8;

/** Each key looked up once; one that fails or finds nothing is left out (shown by id or as "a writer"). */
async function lookUpAll<T>(
  keys: Iterable<string>,
  lookUp: (key: string) => Promise<T | undefined>,
): Promise<Map<string, T>> {
  const found = new Map<string, T>();
  const list = [...new Set(keys)];
  for (let i = 0; i < list.length; i += AT_ONCE) {
    const chunk = list.slice(i, i + AT_ONCE);
    const results = await Promise.all(chunk.map((key) => lookUp(key).catch(() => undefined)));
    chunk.forEach((key, index) => {
      const result = results[index];
      if (result !== undefined) found.set(key, result);
    });
  }
  return found;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/** The Slack users an entry names: who acted, and who requested or approved (reversals). */
export function peopleIn(entry: AuditEntry): string[] {
  const people = entry.actor.kind === 'slack' ? [entry.actor.userId] : [];
  for (const key of ['requestedBy', 'approvedBy'] as const) {
    const userId = text(entry.details[key]);
    if (userId) people.push(userId);
  }
  return people;
}

/** The writer an entry names directly (its subject, or `writerId` in its details). */
export function writerIdIn(entry: AuditEntry): string | undefined {
  return entry.subject.type === 'writer' ? entry.subject.id : text(entry.details.writerId);
}

/** The transfer an entry is about, when it does not name the writer itself. */
function transferRefIn(entry: AuditEntry): string | undefined {
  if (entry.subject.type === 'transfer') return entry.subject.id;
  return text(entry.details.transferRef);
}

/** Reads every name the entries need, once each. */
export async function resolveAuditNames(
  entries: readonly AuditEntry[],
  sources: AuditNameSources,
): Promise<AuditNames> {
  const refs = entries.filter((entry) => !writerIdIn(entry)).flatMap((entry) => transferRefIn(entry) ?? []);
  const payees = await lookUpAll(refs, async (ref) => (await sources.transfers.findByRef(ref))[0]?.writerId);
  const writerIds = [...entries.flatMap((entry) => writerIdIn(entry) ?? []), ...payees.values()];
  const writers = await lookUpAll(writerIds, (id) => sources.writers.findById(id));
  const people = await lookUpAll(entries.flatMap(peopleIn), (userId) => sources.people.byId(userId));
  const writerById = (id: string | undefined): NamedWriter | undefined => {
    const writer = id === undefined ? undefined : writers.get(id);
    return writer ? { name: writer.displayName, slackUserId: writer.slackUserId } : undefined;
  };
  return {
    person: (userId) => people.get(userId)?.realName || userId,
    writerOf: (entry) => {
      const direct = writerIdIn(entry);
      if (direct) return writerById(direct);
      const ref = transferRefIn(entry);
      return writerById(ref === undefined ? undefined : payees.get(ref));
    },
  };
}
