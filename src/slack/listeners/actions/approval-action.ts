import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { GuardedOutcome } from '../../../domain/requests/approve-request';
import type { ApprovableRequest, SlackUserRef } from '../../../domain/requests/types';
import type { Services } from '../../../services';
import { approvalRefusalMessage } from '../../views/approval-refusal';
import { type EphemeralMessage, ephemeralText } from '../../views/ephemeral';
import { afterAck } from '../after-ack';
import { slackUser } from '../slack-user';

export type ApprovalUseCase = (
  services: Services,
  input: { id: string; approver: SlackUserRef; isFinance: boolean },
) => Promise<GuardedOutcome<ApprovableRequest>>;

/**
 * Approve-like buttons (Approve on top-ups and transfers, Retry): ack, then decide with the
 * clicker from the signed payload; a click that changed nothing is told why, privately.
 */
export function approvalAction(services: Services, name: string, useCase: ApprovalUseCase) {
  return async ({
    ack,
    body,
    action,
    respond,
  }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    const reply = (message: EphemeralMessage) => respond({ ...message, replace_original: false });
    afterAck(
      services,
      name,
      async () => {
        const approver = slackUser(body);
        const outcome = await useCase(services, {
          id: action.value ?? '',
          approver,
          isFinance: await services.finance.isMember(approver.userId),
        });
        if (outcome.kind === 'refused') await reply(approvalRefusalMessage(outcome.reason, outcome.request));
        if (outcome.kind === 'blocked') await reply(ephemeralText(outcome.message));
      },
      reply,
    );
  };
}
