import type { Services } from '../../app/services';
import type { BackgroundLane } from '../../domain/background-tasks';
import type { EphemeralMessage } from '../views/ephemeral';
import { userFacingError } from './handle-errors';

/**
 * The work a listener does once Slack has its ack: tracked as a background task (so shutdown
 * and tests can wait for it), and any failure told to the person instead of vanishing.
 */
export function afterAck(
  services: Services,
  name: string,
  work: () => Promise<void>,
  reply: (message: EphemeralMessage) => Promise<unknown>,
  /** 'stripe' for work that waits on Stripe, so a Stripe that hangs holds up only its own lane. */
  lane: BackgroundLane = 'replies',
): void {
  services.background.run(
    name,
    async () => {
      try {
        await work();
      } catch (error) {
        await reply(userFacingError(error, services.logger)).catch((replyError) => {
          services.logger.warn({ err: replyError }, 'could not tell the user about a failure');
        });
      }
    },
    lane,
  );
}
