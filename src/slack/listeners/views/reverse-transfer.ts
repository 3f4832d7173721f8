import type { Services } from '../../../app/services';
import { ReversalInputError, validateReversal } from '../../../domain/transfers/reversal-input';
import { requestReversal } from '../../../domain/transfers/reverse-transfer';
import { inlineError } from '../../views/form-errors';
import { REVERSE_FIELDS } from '../../views/reverse-transfer-modal';
import { formListener, inputValue, type SubmittedView } from './form-listener';

function reversalInput(view: SubmittedView) {
  return {
    amountText: inputValue(view, REVERSE_FIELDS.amount),
    reason: inputValue(view, REVERSE_FIELDS.reason),
  };
}

/**
 * The reversal form. A bad amount, more than is left of the transfer, or no reason is shown in the
 * form next to its field (one quick read of the transfer before the ack); the use case checks it
 * all again, against the transfer as it is then.
 */
export function reverseTransferSubmission(services: Services) {
  return formListener(services, 'reverse transfer form', {
    async check(view, user) {
      const input = reversalInput(view);
      if (input.reason.trim() === '')
        return { [REVERSE_FIELDS.reason.block]: 'Say why; the writer will see it.' };
      // Only finance learns anything about a transfer; the work refuses anyone else.
      if (!(await services.finance.isMember(user.userId))) return undefined;
      const transfer = await services.transferDeps.transfers.load(view.private_metadata);
      // Gone, or no longer paid: the work says so to the person.
      if (transfer?.status !== 'paid') return undefined;
      try {
        validateReversal(transfer, input);
        return undefined;
      } catch (error) {
        if (!(error instanceof ReversalInputError)) throw error;
        return { [REVERSE_FIELDS[error.field].block]: inlineError(error.userMessage) };
      }
    },
    async work(form) {
      await requestReversal(services.transferDeps, {
        id: form.view.private_metadata,
        user: form.user,
        isFinance: await form.isFinance(),
        ...reversalInput(form.view),
      });
    },
  });
}
