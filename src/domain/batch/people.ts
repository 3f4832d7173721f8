import { nameKey } from './writer-ref';

/** A person in the Slack workspace, as `users.list` shows them. */
export type SlackPerson = {
  userId: string;
  /** The username behind `@handle`. */
  handle: string;
  displayName: string;
  realName: string;
  email: string | null;
};

/** Everyone in the workspace (no bots, no deactivated accounts); cached by the adapter. */
export type PeopleDirectory = { everyone(): Promise<SlackPerson[]> };

export type PersonMatch =
  | { kind: 'one'; person: SlackPerson }
  | { kind: 'none' }
  | { kind: 'ambiguous'; candidates: SlackPerson[] };

/**
 * Finds people by what a CSV calls them. `@x` is a handle or a display name; a plain name is a
 * display name, a full name or a handle. More than one person fitting is ambiguous, whichever
 * of them is a Paydesk writer: a name is never guessed.
 */
export function peopleIndex(people: SlackPerson[]) {
  const byHandle = new Map<string, SlackPerson[]>();
  const byDisplay = new Map<string, SlackPerson[]>();
  const byReal = new Map<string, SlackPerson[]>();
  const add = (map: Map<string, SlackPerson[]>, key: string, person: SlackPerson) => {
    if (key === '') return;
    const list = map.get(key) ?? [];
    list.push(person);
    map.set(key, list);
  };
  for (const person of people) {
    add(byHandle, nameKey(person.handle), person);
    add(byDisplay, nameKey(person.displayName), person);
    add(byReal, nameKey(person.realName), person);
  }
  const match = (...lists: (SlackPerson[] | undefined)[]): PersonMatch => {
    const found = new Map<string, SlackPerson>();
    for (const list of lists) for (const person of list ?? []) found.set(person.userId, person);
    const candidates = [...found.values()];
    if (candidates.length === 0) return { kind: 'none' };
    return candidates.length === 1
      ? { kind: 'one', person: candidates[0] as SlackPerson }
      : { kind: 'ambiguous', candidates };
  };
  return {
    byHandle(handle: string): PersonMatch {
      const key = nameKey(handle);
      const first = match(byHandle.get(key), byDisplay.get(key));
      return first.kind === 'none' ? match(byReal.get(key)) : first;
    },
    byName(name: string): PersonMatch {
      const key = nameKey(name);
      return match(byDisplay.get(key), byReal.get(key), byHandle.get(key));
    },
  };
}
