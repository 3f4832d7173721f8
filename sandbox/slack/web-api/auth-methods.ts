import { type MethodHandler, ok } from './method-handler';

const authTest: MethodHandler = (_params, workspace) => {
  const { identity } = workspace;
  return ok({
    url: `${identity.baseUrl}/`,
    team: 'Paydesk Sandbox',
    user: 'paydesk',
    team_id: identity.teamId,
    user_id: identity.botUserId,
    bot_id: identity.botId,
    is_enterprise_install: false,
  });
};

export const authMethods: Record<string, MethodHandler> = { 'auth.test': authTest };
