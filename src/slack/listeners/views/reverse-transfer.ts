import type { Services } from '../../../app/services';
import { requestReversal } from '../../../domain/transfers/reverse-transfer';
import { REVERSE_FIELDS } from '../../views/reverse-transfer-modal';
import { formListener, inputValue } from './form-listener';

export function reverseTransferSubmission(services: Services) {
  return formListener(services, 'reverse transfer form', {
    check: (view) =>
      inputValue(view, REVERSE_FIELDS.reason).trim() === ''
        ? { [REVERSE_FIELDS.reason.block]: 'Say why; the writer will see it.' }
        : undefined,
    async work(form) {
      await requestReversal(services.transferDeps, {
        id: form.view.private_metadata,
        user: form.user,
        isFinance: await form.isFinance(),
        amountText: inputValue(form.view, REVERSE_FIELDS.amount),
        reason: inputValue(form.view, REVERSE_FIELDS.reason),
      });
    },
  });
}
