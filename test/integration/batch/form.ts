import type { SlackDeliveryResponse } from '../../../sandbox/slack';
import { VIEWS } from '../../../src/slack/ids';
import { BATCH_FIELDS } from '../../../src/slack/views/batch-modals';
import { FINANCE } from '../../support/config';
import type { World } from '../../support/world';

export type ModalJson = Record<string, unknown> & { blocks?: unknown[]; private_metadata?: string };

/** `/payouts batch` → the form's view id. */
export async function openBatchForm(world: World, userId: string = FINANCE.one): Promise<string> {
  await world.send.command({ userId, command: '/payouts', text: 'batch' });
  await world.drain();
  const modal = world.slack
    .views()
    .filter((view) => view.callbackId === VIEWS.batchRequest && view.userId === userId)
    .at(-1);
  if (!modal) throw new Error('the batch form did not open');
  return modal.id;
}

export type FormInput = {
  csv?: string;
  /** A file the person uploaded (world.slack.uploadFile's answer). */
  file?: { id: string; name: string };
  /** Several files in the one file input: what a client that ignores `max_files: 1` would send. */
  files?: { id: string; name: string }[];
  share?: string;
  memo?: string;
};

export function submitBatchForm(
  world: World,
  viewId: string,
  input: FormInput,
  userId: string = FINANCE.one,
): Promise<SlackDeliveryResponse> {
  return world.send.viewSubmission({
    userId,
    viewId,
    values: {
      [BATCH_FIELDS.file.block]: {
        [BATCH_FIELDS.file.input]: {
          type: 'file_input',
          files: input.files ?? (input.file ? [input.file] : []),
        },
      },
      [BATCH_FIELDS.csv.block]: { [BATCH_FIELDS.csv.input]: input.csv ?? '' },
      [BATCH_FIELDS.share.block]: { [BATCH_FIELDS.share.input]: input.share ?? '' },
      [BATCH_FIELDS.memo.block]: { [BATCH_FIELDS.memo.input]: input.memo ?? '' },
    },
  });
}

/**
 * The modal the form's submission led to: the ack's `response_action: update` view, or (for a
 * long read, after a "reading" view) the one views.update put in place of the form.
 */
export async function modalAfter(
  world: World,
  response: SlackDeliveryResponse,
  viewId: string,
): Promise<ModalJson> {
  const json = response.json as { response_action?: string; view?: ModalJson } | undefined;
  if (json?.response_action !== 'update' || !json.view) {
    throw new Error(`the form was answered with ${JSON.stringify(json)}`);
  }
  if (json.view.submit) return json.view;
  await world.drain();
  const updated = await world.slack.waitFor(
    (slack) => (slack.view(viewId)?.updateCount ?? 0) > 0 && slack.view(viewId),
    { timeoutMs: 60_000 },
  );
  return updated.view as ModalJson;
}

/** The preview as the simulator holds it now (id and hash of the stored view, blocks of the preview). */
export function asStoredView(world: World, viewId: string, modal: ModalJson): Record<string, unknown> {
  return { ...(world.slack.view(viewId)?.view ?? {}), ...modal, id: viewId };
}

/** "Request approval" on a preview. */
export async function requestApproval(
  world: World,
  viewId: string,
  preview: ModalJson,
  userId: string = FINANCE.one,
): Promise<SlackDeliveryResponse> {
  const response = await world.send.viewSubmission({
    userId,
    viewId,
    callbackId: VIEWS.batchPreview,
    privateMetadata: preview.private_metadata ?? '',
  });
  await world.drain();
  return response;
}

/** Every text in a modal's blocks (sections, contexts, buttons), for assertions. */
export function modalText(modal: ModalJson): string {
  const texts: string[] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (typeof record.text === 'string') texts.push(record.text);
      for (const [key, child] of Object.entries(record))
        if (key !== 'text' || typeof child !== 'string') walk(child);
    }
  };
  walk(modal.blocks ?? []);
  return texts.join('\n');
}
