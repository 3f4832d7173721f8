import type { Services } from '../../../app/services';
import { requestPayoutRun, validateBatchInput } from '../../../domain/batch/request-run';
import { NotFinanceError, PaydeskError } from '../../../domain/errors';
import type { SlackUserRef } from '../../../domain/requests/types';
import { batchRequestedConfirmation } from '../../views/batch-message';
import { BATCH_FIELDS } from '../../views/batch-modals';
import { formListener, inputValue, type SubmittedView } from './form-listener';

function batchInput(view: SubmittedView, requestedBy: SlackUserRef) {
  return {
    csv: inputValue(view, BATCH_FIELDS.csv),
    sharePercent: inputValue(view, BATCH_FIELDS.share),
    defaultMemo: inputValue(view, BATCH_FIELDS.memo),
    requestedBy,
    source: 'slack_modal' as const,
  };
}

/**
 * The payout run form: the CSV's shape, the share and the memo are checked before the ack (no
 * I/O), and problems go back into the form; writers are resolved and the run stored after it.
 */
export function batchRequestSubmission(services: Services) {
  return formListener(services, 'payout run form', {
    check(view, user) {
      try {
        validateBatchInput(batchInput(view, user));
        return undefined;
      } catch (error) {
        const which = ((error as { field?: keyof typeof BATCH_FIELDS }).field ??
          'csv') as keyof typeof BATCH_FIELDS;
        const message = error instanceof PaydeskError ? error.userMessage : 'Check the CSV.';
        return {
          [BATCH_FIELDS[which].block]: message.replace(/^Couldn't read the payout run: /, '').slice(0, 300),
        };
      }
    },
    async work(form) {
      if (!(await form.isFinance())) throw new NotFinanceError();
      const { run, warnings } = await requestPayoutRun(services.batchDeps, batchInput(form.view, form.user));
      await form.tell(batchRequestedConfirmation(run, warnings).text);
    },
  });
}
