import { sendDashboardLink } from '../../../../domain/onboarding/dashboard';
import { dashboardSentMessage } from '../../../views/onboarding';
import { slackUser } from '../../slack-user';
import type { Subcommand } from './context';

/** `/payouts dashboard`: a connected writer gets a fresh Express dashboard link, by DM. */
export const payoutsDashboard: Subcommand = async ({ services, command, respond }) => {
  await sendDashboardLink(services.onboardingDeps, slackUser(command));
  await respond(dashboardSentMessage());
};
