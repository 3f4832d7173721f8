import { fail, type MethodHandler, ok, stringParam } from './method-handler';

/** The app's DM with one user (a stable D id) or a group DM with several (a stable G id). */
const open: MethodHandler = (params, workspace) => {
  const { directory, ids } = workspace;
  const existingChannel = stringParam(params, 'channel');
  if (existingChannel !== undefined) {
    const id = directory.resolveConversation(existingChannel);
    return id === undefined
      ? fail('channel_not_found')
      : ok({ no_op: true, already_open: true, channel: { id } });
  }

  const userIds = (stringParam(params, 'users') ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  if (userIds.length === 0) return fail('users_list_not_supplied');
  for (const userId of userIds) {
    const user = directory.user(userId);
    if (user === undefined) return fail('user_not_found');
    if (user.deleted) return fail('user_disabled');
  }

  const [onlyUser] = userIds;
  if (userIds.length === 1 && onlyUser !== undefined) {
    return ok({ channel: { id: directory.dmChannelOf(onlyUser), is_im: true, user: onlyUser } });
  }
  return ok({ channel: { id: directory.groupDmOf(userIds, () => ids.next('G')), is_mpim: true } });
};

export const conversationsMethods: Record<string, MethodHandler> = { 'conversations.open': open };
