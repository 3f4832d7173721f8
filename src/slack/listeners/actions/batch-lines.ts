import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { Services } from '../../../app/services';
import { previewOfDraft } from '../../../domain/batch/request-run';
import { runLines } from '../../../domain/batch/view-lines';
import type { SlackUserRef } from '../../../domain/requests/types';
import { batchLinesModal } from '../../views/batch-lines';
import { batchPreviewModal, type PreviewMetadata } from '../../views/batch-preview';
import { afterAck } from '../after-ack';
import { slackUser } from '../slack-user';
import { buttonListener } from './button-listener';

/** "View lines" on a run's message: a modal with every line, paged (finance only). */
export function viewBatchLinesAction(services: Services) {
  return buttonListener(services, 'view payout run lines', async (click) => {
    const { run, transfers } = await runLines(services.batchDeps, {
      id: click.value,
      user: click.user,
      isFinance: await click.isFinance(),
    });
    await click.client.views.open({ trigger_id: click.triggerId, view: batchLinesModal(run, transfers) });
  });
}

/** Previous / Next inside a modal: the same modal, updated in place with the page asked for. */
function modalPager(
  services: Services,
  name: string,
  render: (args: { value: string; metadata: string; user: SlackUserRef }) => Promise<ModalView | undefined>,
) {
  return async ({
    ack,
    body,
    action,
    client,
  }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    const user = slackUser(body);
    const view = body.view;
    if (!view) return;
    afterAck(
      services,
      name,
      async () => {
        const next = await render({ value: action.value ?? '', metadata: view.private_metadata ?? '', user });
        if (next) await client.views.update({ view_id: view.id, hash: view.hash, view: next });
      },
      async (message) => {
        services.logger.warn({ text: message.text }, `${name} failed`);
      },
    );
  };
}

export function batchLinesPageAction(services: Services) {
  return modalPager(services, 'page payout run lines', async ({ value, user }) => {
    const [id = '', page = '0'] = value.split(':');
    const { run, transfers } = await runLines(services.batchDeps, {
      id,
      user,
      isFinance: await services.finance.isMember(user.userId),
    });
    return batchLinesModal(run, transfers, Number(page) || 0);
  });
}

export function batchPreviewPageAction(services: Services) {
  return modalPager(services, 'page payout run preview', async ({ value, metadata, user }) => {
    const { draftId } = JSON.parse(metadata || '{}') as Partial<PreviewMetadata>;
    const preview = draftId ? await previewOfDraft(services.batchDeps, draftId, user) : undefined;
    return preview ? batchPreviewModal(preview, Number(value) || 0) : undefined;
  });
}
