import { z } from 'zod';
import type { Services } from '../../../app/services';
import { rejectTopup } from '../../../domain/topups/reject-topup';
import { rejectTransfer } from '../../../domain/transfers/reject-transfer';
import { approvalRefusalMessage } from '../../views/approval-refusal';
import { REJECT_REASON_BLOCK, REJECT_REASON_INPUT } from '../../views/reject-reason-modal';
import { formListener, inputValue } from './form-listener';

const targetSchema = z.object({ kind: z.enum(['topup', 'transfer']), id: z.string().max(64) });

export type RejectHandler = (
  services: Services,
  input: Parameters<typeof rejectTopup>[1],
) => Promise<
  { kind: 'rejected' } | { kind: 'too_late'; request: Parameters<typeof approvalRefusalMessage>[1] }
>;

/** Features that can be rejected register here by kind. */
export const REJECT_HANDLERS: Partial<Record<z.infer<typeof targetSchema>['kind'], RejectHandler>> = {
  topup: (services, input) => rejectTopup(services.topupDeps, input),
  transfer: (services, input) => rejectTransfer(services.transferDeps, input),
};

const REASON = { block: REJECT_REASON_BLOCK, input: REJECT_REASON_INPUT };

export function rejectReasonSubmission(services: Services) {
  return formListener(services, 'reject reason', {
    check: (view) =>
      inputValue(view, REASON).trim() === ''
        ? { [REJECT_REASON_BLOCK]: 'Say why; the requester will see it.' }
        : undefined,
    async work(form) {
      const target = targetSchema.parse(JSON.parse(form.view.private_metadata || '{}'));
      const handler = REJECT_HANDLERS[target.kind];
      if (!handler) return;
      const outcome = await handler(services, {
        id: target.id,
        user: form.user,
        isFinance: await form.isFinance(),
        reason: inputValue(form.view, REASON).trim(),
      });
      if (outcome.kind === 'too_late')
        await form.tell(approvalRefusalMessage('already_decided', outcome.request, form.user.userId).text);
    },
  });
}
