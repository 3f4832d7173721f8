import type { Services } from '../../../app/services';
import { requestPreviewedRun } from '../../../domain/batch/request-run';
import { NotFinanceError } from '../../../domain/errors';
import { batchRequestedConfirmation } from '../../views/batch-message';
import type { PreviewMetadata } from '../../views/batch-preview';
import { formListener } from './form-listener';

/** "Request approval" on the preview: the previewed draft becomes a run, posted to the finance channel. */
export function batchPreviewSubmission(services: Services) {
  return formListener(services, 'payout run request', {
    async work(form) {
      if (!(await form.isFinance())) throw new NotFinanceError();
      const { draftId } = JSON.parse(form.view.private_metadata || '{}') as Partial<PreviewMetadata>;
      const { run, warnings } = await requestPreviewedRun(services.batchDeps, {
        draftId: draftId ?? '',
        requestedBy: form.user,
      });
      await form.tell(batchRequestedConfirmation(run, warnings).text);
    },
  });
}
