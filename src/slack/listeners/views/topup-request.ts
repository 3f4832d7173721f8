import type { Services } from '../../../app/services';
import { NotFinanceError, PaydeskError } from '../../../domain/errors';
import type { SlackUserRef } from '../../../domain/requests/types';
import { requestTopup, validateTopupInput } from '../../../domain/topups/request-topup';
import { inlineError } from '../../views/form-errors';
import { topupRequestedConfirmation } from '../../views/topup-confirmation';
import { TOPUP_FIELDS } from '../../views/topup-request-modal';
import { formListener, inputValue, type SubmittedView } from './form-listener';

function topupInput(view: SubmittedView, requestedBy: SlackUserRef) {
  return {
    amountText: inputValue(view, TOPUP_FIELDS.amount),
    description: inputValue(view, TOPUP_FIELDS.description),
    statementDescriptor: inputValue(view, TOPUP_FIELDS.statementDescriptor),
    requestedBy,
  };
}

/** The top-up form: input problems go back into the form, next to the field they concern. */
export function topupRequestSubmission(services: Services) {
  return formListener(services, 'top-up form', {
    check(view, user) {
      try {
        validateTopupInput(topupInput(view, user), services.config.policy.maxTopupCents);
        return undefined;
      } catch (error) {
        const message = error instanceof PaydeskError ? error.userMessage : 'Check the amount.';
        const field = /statement descriptor/.test(message)
          ? TOPUP_FIELDS.statementDescriptor
          : /description/.test(message)
            ? TOPUP_FIELDS.description
            : TOPUP_FIELDS.amount;
        return { [field.block]: inlineError(message) };
      }
    },
    async work(form) {
      if (!(await form.isFinance())) throw new NotFinanceError();
      const topup = await requestTopup(services.topupDeps, topupInput(form.view, form.user));
      await form.tell(topupRequestedConfirmation(topup, undefined).text);
    },
  });
}
