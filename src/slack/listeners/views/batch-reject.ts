import { z } from 'zod';
import type { Services } from '../../../app/services';
import { rejectPayoutRun } from '../../../domain/batch/approve-run';
import { approvalRefusalMessage } from '../../views/approval-refusal';
import { BATCH_REJECT_BLOCK, BATCH_REJECT_INPUT } from '../../views/batch-modals';
import { formListener, inputValue } from './form-listener';

const targetSchema = z.object({ id: z.string().max(64) });

const REASON = { block: BATCH_REJECT_BLOCK, input: BATCH_REJECT_INPUT };

/** The reason form behind a payout run's Reject button. */
export function batchRejectSubmission(services: Services) {
  return formListener(services, 'reject payout run', {
    check: (view) =>
      inputValue(view, REASON).trim() === ''
        ? { [BATCH_REJECT_BLOCK]: 'Say why; the requester will see it.' }
        : undefined,
    async work(form) {
      const target = targetSchema.parse(JSON.parse(form.view.private_metadata || '{}'));
      const outcome = await rejectPayoutRun(services.batchDeps, {
        id: target.id,
        user: form.user,
        isFinance: await form.isFinance(),
        reason: inputValue(form.view, REASON).trim(),
      });
      if (outcome.kind === 'too_late') {
        await form.tell(
          approvalRefusalMessage(
            outcome.request ? 'already_decided' : 'not_found',
            outcome.request,
            form.user.userId,
          ).text,
        );
      }
    },
  });
}
