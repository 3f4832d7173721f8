import { PaydeskError, RecordingPendingError } from '../errors';

/**
 * Runs what follows a Stripe call that may have moved money (recording its answer, or its
 * refusal). A failure here is never reported as "nothing was changed": errors that already say
 * what is known pass through, anything else becomes "Stripe has it" (RecordingPendingError), and
 * the reconciler or Stripe's event finishes the record.
 */
export async function afterStripeCall<T>(
  ref: string,
  logger: { warn(details: object, message: string): void },
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof PaydeskError) throw error;
    logger.warn({ err: error, ref }, 'Stripe was called; recording what it did failed');
    throw new RecordingPendingError(ref);
  }
}
