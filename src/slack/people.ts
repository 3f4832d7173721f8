import type { WebClient } from '@slack/web-api';
import type { PeopleDirectory, SlackPerson } from '../domain/batch/people';

/** How long the member list is reused: names change rarely, and users.list is Tier 2 (20 a minute). */
export const PEOPLE_CACHE_MS = 5 * 60_000;
const PAGE_SIZE = 200;

type Member = {
  id?: string;
  name?: string;
  real_name?: string;
  deleted?: boolean;
  is_bot?: boolean;
  profile?: { display_name?: string; real_name?: string; email?: string };
};

/**
 * Slack's member list through `users.list` (every page), cached for PEOPLE_CACHE_MS per process;
 * concurrent readers share one read. Bots, Slackbot and deactivated accounts are left out.
 */
export function slackPeopleDirectory(
  slack: WebClient,
  options: { clock: () => Date; cacheMs?: number },
): PeopleDirectory {
  const cacheMs = options.cacheMs ?? PEOPLE_CACHE_MS;
  const now = () => options.clock().getTime();
  let cached: { at: number; people: SlackPerson[] } | undefined;
  let reading: Promise<SlackPerson[]> | undefined;

  async function readAll(): Promise<SlackPerson[]> {
    const people: SlackPerson[] = [];
    let cursor: string | undefined;
    do {
      const page = (await slack.users.list({ limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) })) as {
        members?: Member[];
        response_metadata?: { next_cursor?: string };
      };
      for (const member of page.members ?? []) {
        if (!member.id || member.deleted || member.is_bot || member.id === 'USLACKBOT') continue;
        people.push({
          userId: member.id,
          handle: member.name ?? '',
          displayName: member.profile?.display_name ?? '',
          realName: member.profile?.real_name ?? member.real_name ?? '',
          email: member.profile?.email ?? null,
        });
      }
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
    return people;
  }

  return {
    async everyone() {
      if (cached && now() - cached.at < cacheMs) return cached.people;
      reading ??= readAll()
        .then((people) => {
          cached = { at: now(), people };
          return people;
        })
        .finally(() => {
          reading = undefined;
        });
      return reading;
    },
  };
}
