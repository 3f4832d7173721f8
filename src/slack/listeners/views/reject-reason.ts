import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { rejectTopup } from '../../../domain/topups/reject-topup';
import { rejectTransfer } from '../../../domain/transfers/reject-transfer';
import type { Services } from '../../../services';
import { approvalRefusalMessage } from '../../views/approval-refusal';
import { REJECT_REASON_BLOCK, REJECT_REASON_INPUT } from '../../views/reject-reason-modal';
import { afterAck } from '../after-ack';
import { slackUser } from '../slack-user';

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

export function rejectReasonSubmission(services: Services) {
  return async ({
    ack,
    view,
    body,
    client,
  }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const reason = (view.state.values[REJECT_REASON_BLOCK]?.[REJECT_REASON_INPUT]?.value ?? '').trim();
    if (reason === '') {
      await ack({
        response_action: 'errors',
        errors: { [REJECT_REASON_BLOCK]: 'Say why; the requester will see it.' },
      });
      return;
    }
    await ack();
    const user = slackUser(body);
    const tell = (text: string) =>
      client.chat
        .postEphemeral({ channel: services.config.finance.channelId, user: user.userId, text })
        .catch(() => {});
    afterAck(
      services,
      'reject reason',
      async () => {
        const target = targetSchema.parse(JSON.parse(view.private_metadata || '{}'));
        const handler = REJECT_HANDLERS[target.kind];
        if (!handler) return;
        const outcome = await handler(services, {
          id: target.id,
          user,
          isFinance: await services.finance.isMember(user.userId),
          reason,
        });
        if (outcome.kind === 'too_late')
          await tell(approvalRefusalMessage('already_decided', outcome.request).text);
      },
      (message) => tell(message.text),
    );
  };
}
