import { authMethods } from './auth-methods';
import { chatMethods } from './chat-methods';
import { conversationsHistoryMethods } from './conversations-history';
import { conversationsMethods } from './conversations-methods';
import { filesMethods } from './files-methods';
import type { MethodHandler } from './method-handler';
import { usersMethods } from './users-methods';
import { viewsMethods } from './views-methods';

/** Every Web API method the simulator answers; anything else is `unknown_method`, as on Slack. */
export const webApiMethods: Readonly<Record<string, MethodHandler>> = {
  ...authMethods,
  ...chatMethods,
  ...conversationsMethods,
  ...conversationsHistoryMethods,
  ...filesMethods,
  ...usersMethods,
  ...viewsMethods,
};
