import { listWriters } from '../../../../domain/onboarding/dashboard';
import { writersListMessage } from '../../../views/onboarding';
import type { Subcommand } from './context';

/** `/payouts writers` (finance only): everyone invited, their status and what Stripe still needs. */
export const payoutsWriters: Subcommand = async ({ services, respond }) => {
  await respond(writersListMessage(await listWriters(services.onboardingDeps)));
};
