import { PaydeskError } from '../errors';
import { quoteInput } from '../mrkdwn';
import type { Writer } from '../onboarding/types';
import { type PeopleDirectory, type PersonMatch, peopleIndex, type SlackPerson } from './people';
import type { BatchWriterDirectory, Skip } from './resolve';
import { parseWriterRef, type WriterRef } from './writer-ref';

/** How many of an ambiguous name's candidates are named. */
const CANDIDATES_SHOWN = 5;

export type FoundWriter = { writer: Writer };

const unknown = (detail: string): Skip => ({ reason: 'unknown_writer', detail });

function candidateList(candidates: SlackPerson[]): string {
  const named = candidates
    .slice(0, CANDIDATES_SHOWN)
    .map(
      (person) =>
        `<@${person.userId}> (${[person.realName, person.email].filter(Boolean).join(', ') || person.handle})`,
    );
  const more = candidates.length - CANDIDATES_SHOWN;
  return `${named.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

/** A handle or name that fits more than one person (or nobody) says so; never a guess. */
function personProblem(typed: string, match: PersonMatch): Skip | undefined {
  if (match.kind === 'ambiguous') {
    return {
      reason: 'ambiguous_writer',
      detail: `${quoteInput(typed)} could be ${candidateList(match.candidates)}; name the writer by email, Slack mention or Stripe account instead`,
    };
  }
  if (match.kind === 'none') {
    return unknown(
      `nobody in Slack is called ${quoteInput(typed)} (a writer is named by Slack mention, user id, email, @handle, name or Stripe account)`,
    );
  }
  return undefined;
}

/**
 * Every row's writer, or why there is none. Mentions, ids, emails and Stripe accounts are looked
 * up in the writers collection; handles and names (and a bare "id" that is no writer's, which may
 * be a name in capitals) go through Slack's member list first, read only when a row needs it.
 */
export async function findWriters(
  texts: string[],
  options: { teamId: string; writers: BatchWriterDirectory; people: PeopleDirectory },
): Promise<(FoundWriter | Skip)[]> {
  const refs = texts.map((text) => parseWriterRef(text));
  const of = <K extends WriterRef['kind']>(kind: K) =>
    refs.filter((ref): ref is Extract<WriterRef, { kind: K }> => ref?.kind === kind);
  const userIds = [...new Set(of('user').map((ref) => ref.userId))];
  const emails = [...new Set(of('email').flatMap((ref) => [ref.email, ref.typed]))];
  const accounts = [...new Set(of('account').map((ref) => ref.accountId))];
  const { teamId, writers } = options;
  const [byId, byEmail, byAccount] = await Promise.all([
    userIds.length > 0 ? writers.bySlackUserIds(teamId, userIds) : [],
    emails.length > 0 ? writers.byEmails(teamId, emails) : [],
    accounts.length > 0 ? writers.byStripeAccountIds(teamId, accounts) : [],
  ]);
  const userMap = new Map(byId.map((writer) => [writer.slackUserId, writer]));
  const emailMap = new Map<string, Writer>();
  for (const writer of byEmail) if (writer.email) emailMap.set(writer.email.toLowerCase(), writer);
  const accountMap = new Map<string, Writer>();
  for (const writer of byAccount) if (writer.stripeAccountId) accountMap.set(writer.stripeAccountId, writer);

  const byName = (ref: WriterRef | undefined) =>
    ref?.kind === 'handle' ||
    ref?.kind === 'name' ||
    (ref?.kind === 'user' && ref.bare && !userMap.has(ref.userId));
  const matches = new Map<number, { typed: string; match: PersonMatch }>();
  if (refs.some(byName)) {
    let people: SlackPerson[];
    try {
      people = await options.people.everyone();
    } catch {
      throw new PaydeskError(
        'slack_directory_unavailable',
        "Couldn't read Slack's member list to match the writers' names. Try again in a minute, or name them by email or mention. Nothing was changed.",
      );
    }
    const index = peopleIndex(people);
    refs.forEach((ref, i) => {
      if (!byName(ref) || !ref) return;
      if (ref.kind === 'handle') matches.set(i, { typed: ref.typed, match: index.byHandle(ref.handle) });
      else if (ref.kind === 'name') matches.set(i, { typed: ref.name, match: index.byName(ref.name) });
      else if (ref.kind === 'user') matches.set(i, { typed: ref.userId, match: index.byName(ref.userId) });
    });
    const named = [...matches.values()].flatMap(({ match }) =>
      match.kind === 'one' ? [match.person.userId] : [],
    );
    const missing = [...new Set(named)].filter((id) => !userMap.has(id));
    if (missing.length > 0) {
      for (const writer of await writers.bySlackUserIds(teamId, missing))
        userMap.set(writer.slackUserId, writer);
    }
  }

  return refs.map((ref, i): FoundWriter | Skip => {
    const typed = texts[i] ?? '';
    if (!ref) {
      return unknown(
        typed.trim() === ''
          ? 'no writer given'
          : `${quoteInput(typed)} isn't a Slack mention, user id, email, @handle, name or Stripe account`,
      );
    }
    const named = matches.get(i);
    if (ref.kind === 'user' && !named) {
      const writer = userMap.get(ref.userId);
      return writer
        ? { writer }
        : unknown(`<@${ref.userId}> isn't a Paydesk writer (invite them with \`/payouts invite\`)`);
    }
    if (ref.kind === 'email') {
      const writer = emailMap.get(ref.email);
      return writer
        ? { writer }
        : unknown(`${quoteInput(ref.email)} isn't a Paydesk writer (invite them with \`/payouts invite\`)`);
    }
    if (ref.kind === 'account') {
      const writer = accountMap.get(ref.accountId);
      return writer
        ? { writer }
        : unknown(`${quoteInput(ref.accountId)} isn't the Stripe account of a Paydesk writer`);
    }
    if (!named) return unknown(`${quoteInput(typed)} couldn't be matched`);
    const problem = personProblem(named.typed, named.match);
    if (problem || named.match.kind !== 'one') return problem ?? unknown('no match');
    const person = named.match.person;
    const writer = userMap.get(person.userId);
    return writer
      ? { writer }
      : unknown(
          `${quoteInput(named.typed)} is <@${person.userId}>, who isn't a Paydesk writer (invite them with \`/payouts invite\`)`,
        );
  });
}
