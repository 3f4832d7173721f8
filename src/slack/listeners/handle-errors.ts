import { DatabaseUnavailableError } from '../../db/connection';
import { DatabaseDownError, PaydeskError } from '../../domain/errors';
import type { Logger } from '../../logger';
import { type EphemeralMessage, ephemeralText } from '../views/ephemeral';

function isDatabaseFailure(error: unknown): boolean {
  if (error instanceof DatabaseUnavailableError) return true;
  const name = (error as { name?: string })?.name ?? '';
  return /^Mongo(ServerSelection|Network|NotConnected|Timeout|PoolCleared)|MongooseServerSelectionError/.test(
    name,
  );
}

/** Turns any failure into a message the person can act on; unknown failures are logged, not shown. */
export function userFacingError(error: unknown, logger: Logger): EphemeralMessage {
  if (error instanceof PaydeskError) return ephemeralText(error.userMessage);
  if (isDatabaseFailure(error)) return ephemeralText(new DatabaseDownError().userMessage);
  logger.error({ err: error }, 'listener failed');
  return ephemeralText(
    'Something went wrong on our side and the request did not go through. Nothing was changed. Try again, and tell the Paydesk admins if it keeps happening.',
  );
}
