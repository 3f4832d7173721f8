import type { WebClient } from '@slack/web-api';
import type { PeopleDirectory, SlackPerson } from '../domain/batch/people';
import type { SlackDirectory, SlackProfile } from '../domain/onboarding/types';

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

/**
 * One person's profile (name, time zone) by user id, through `directory.byId` (users.info),
 * remembered for PEOPLE_CACHE_MS on `clock`; concurrent readers of one person share one call.
 * Lookups by email are not cached: they decide who gets invited.
 */
export function cachedSlackDirectory(
  directory: SlackDirectory,
  options: { clock: () => Date; cacheMs?: number },
): SlackDirectory {
  const cacheMs = options.cacheMs ?? PEOPLE_CACHE_MS;
  const now = () => options.clock().getTime();
  const known = new Map<string, { at: number; profile: SlackProfile | undefined }>();
  const reading = new Map<string, Promise<SlackProfile | undefined>>();
  return {
    async byId(userId) {
      const hit = known.get(userId);
      if (hit && now() - hit.at < cacheMs) return hit.profile;
      let read = reading.get(userId);
      if (!read) {
        read = directory
          .byId(userId)
          .then((profile) => {
            known.set(userId, { at: now(), profile });
            return profile;
          })
          .finally(() => reading.delete(userId));
        reading.set(userId, read);
      }
      return read;
    },
    byEmail: (email) => directory.byEmail(email),
  };
}
