import type { SandboxWorkspace } from '../sandbox-workspace';
import type { SimUser } from '../types';
import { fail, type MethodHandler, missingArgument, ok, stringParam } from './method-handler';

/**
 * Slack's `tz`, `tz_label` and `tz_offset` (seconds east of UTC): the label and offset are the
 * zone's as of now, as Slack gives them (standard or daylight time).
 */
function timeZoneFields(tz: string, now = new Date()): Record<string, unknown> {
  const part = (timeZoneName: 'long' | 'longOffset') =>
    new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName })
      .formatToParts(now)
      .find((entry) => entry.type === 'timeZoneName')?.value ?? '';
  const offset = /GMT([+-])(\d{2}):(\d{2})/.exec(part('longOffset'));
  const seconds = offset
    ? (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 3600 + Number(offset[3]) * 60)
    : 0;
  return { tz, tz_label: part('long'), tz_offset: seconds };
}

/** A user object in the shape users.info returns, with the fields the app reads. */
export function slackUserObject(user: SimUser, workspace: SandboxWorkspace): Record<string, unknown> {
  const [firstName = user.realName, ...rest] = user.realName.split(' ');
  return {
    id: user.id,
    team_id: workspace.identity.teamId,
    name: user.name,
    real_name: user.realName,
    deleted: user.deleted ?? false,
    is_bot: user.isBot ?? false,
    is_app_user: false,
    ...timeZoneFields(user.tz ?? 'America/New_York'),
    profile: {
      real_name: user.realName,
      display_name: user.displayName ?? user.name,
      first_name: firstName,
      last_name: rest.join(' '),
      ...(user.email === undefined ? {} : { email: user.email }),
    },
  };
}

const info: MethodHandler = (params, workspace) => {
  const userId = stringParam(params, 'user');
  if (userId === undefined) return missingArgument('user');
  const user = workspace.directory.user(userId);
  return user === undefined ? fail('user_not_found') : ok({ user: slackUserObject(user, workspace) });
};

const lookupByEmail: MethodHandler = (params, workspace) => {
  const email = stringParam(params, 'email');
  if (email === undefined) return missingArgument('email');
  const user = workspace.directory.userByEmail(email);
  return user === undefined ? fail('users_not_found') : ok({ user: slackUserObject(user, workspace) });
};

/** Slack's most members in one page of users.list. */
const USERS_LIST_MAX = 1000;

/**
 * users.list with cursor pagination as Slack does it: `limit` per page (default and at most
 * 1000), `response_metadata.next_cursor` empty on the last page; a cursor Slack never handed out
 * is `invalid_cursor`.
 */
const list: MethodHandler = (params, workspace) => {
  const users = workspace.directory.users();
  const limitParam = Number(stringParam(params, 'limit') ?? 0);
  const limit = limitParam > 0 ? Math.min(limitParam, USERS_LIST_MAX) : USERS_LIST_MAX;
  const cursor = stringParam(params, 'cursor');
  let offset = 0;
  if (cursor !== undefined) {
    const match = /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
    if (!match) return fail('invalid_cursor');
    offset = Number(match[1]);
  }
  const page = users.slice(offset, offset + limit);
  const next =
    offset + page.length < users.length
      ? Buffer.from(`offset:${offset + page.length}`).toString('base64')
      : '';
  return ok({
    members: page.map((user) => slackUserObject(user, workspace)),
    cache_ts: Math.floor(Date.now() / 1000),
    response_metadata: { next_cursor: next },
  });
};

const usergroupMembers: MethodHandler = (params, workspace) => {
  const usergroup = stringParam(params, 'usergroup');
  if (usergroup === undefined) return missingArgument('usergroup');
  const members = workspace.directory.usergroupMembers(usergroup);
  return members === undefined ? fail('no_such_subteam') : ok({ users: members });
};

export const usersMethods: Record<string, MethodHandler> = {
  'users.info': info,
  'users.list': list,
  'users.lookupByEmail': lookupByEmail,
  'usergroups.users.list': usergroupMembers,
};
