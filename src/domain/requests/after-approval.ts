import { ApprovalSavedError, PaydeskError } from '../errors';

/**
 * Runs what follows a stored approval (the Stripe call, the message update). The approval
 * stands whatever happens next and the reconciler carries it on, so a failure here is never
 * reported as "nothing was changed": errors that already say what is known pass through,
 * anything else becomes "your approval is saved".
 */
export async function afterApproval<T>(
  request: { ref: string },
  final: boolean,
  logger: { warn(details: object, message: string): void },
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof PaydeskError) throw error;
    logger.warn({ err: error, ref: request.ref }, 'approval stored; what follows it did not finish');
    throw new ApprovalSavedError(request.ref, final);
  }
}
