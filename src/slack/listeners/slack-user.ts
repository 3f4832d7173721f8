import type { SlackUserRef } from '../../domain/requests/types';

type WithUser = {
  user_id?: string;
  team_id?: string;
  user?: { id: string; team_id?: string };
  team?: { id: string } | null;
};

/** Who acted, from the signed payload only (never from anything a message or button carries). */
export function slackUser(body: WithUser): SlackUserRef {
  const userId = body.user?.id ?? body.user_id ?? '';
  const teamId = body.team?.id ?? body.user?.team_id ?? body.team_id ?? '';
  return { teamId, userId };
}
