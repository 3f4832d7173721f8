import type { Services } from '../../app/services';
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
): void {
  services.background.run(name, async () => {
    try {
      await work();
    } catch (error) {
      await reply(userFacingError(error, services.logger)).catch((replyError) => {
        services.logger.warn({ err: replyError }, 'could not tell the user about a failure');
      });
    }
  });
}
