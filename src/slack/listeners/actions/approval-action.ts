import type { Services } from '../../../app/services';
import type { GuardedOutcome } from '../../../domain/requests/approve-request';
import type { ApprovableRequest, SlackUserRef } from '../../../domain/requests/types';
import { approvalRefusalMessage } from '../../views/approval-refusal';
import { ephemeralText } from '../../views/ephemeral';
import { buttonListener } from './button-listener';

export type ApprovalUseCase = (
  services: Services,
  input: { id: string; approver: SlackUserRef; isFinance: boolean },
) => Promise<GuardedOutcome<ApprovableRequest>>;

/** Approve-like buttons (Approve on top-ups and transfers, Retry): a click that changed nothing is told why. */
export function approvalAction(services: Services, name: string, useCase: ApprovalUseCase) {
  return buttonListener(
    services,
    name,
    async (click) => {
      const outcome = await useCase(services, {
        id: click.value,
        approver: click.user,
        isFinance: await click.isFinance(),
      });
      if (outcome.kind === 'refused')
        await click.reply(approvalRefusalMessage(outcome.reason, outcome.request, click.user.userId));
      if (outcome.kind === 'blocked') await click.reply(ephemeralText(outcome.message));
    },
    'stripe',
  );
}
