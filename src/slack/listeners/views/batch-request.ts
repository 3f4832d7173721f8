import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { Services } from '../../../app/services';
import {
  type BatchRequestInput,
  previewPayoutRun,
  type RunPreview,
  validateBatchInput,
} from '../../../domain/batch/request-run';
import { NotFinanceError, PaydeskError } from '../../../domain/errors';
import type { SlackUserRef } from '../../../domain/requests/types';
import {
  BATCH_FIELDS,
  type BatchField,
  batchCheckingModal,
  batchRequestModal,
} from '../../views/batch-modals';
import { batchPreviewModal } from '../../views/batch-preview';
import { userFacingError } from '../handle-errors';
import { slackUser } from '../slack-user';
import { inputValue, type SubmittedView } from './form-listener';

/** How long the preview may take before the ack: Slack waits 3 s for it. */
export const PREVIEW_ACK_BUDGET_MS = 2000;

type UploadedFile = { id?: string; name?: string };

function uploadedFiles(view: SubmittedView): UploadedFile[] {
  const state = view.state.values[BATCH_FIELDS.file.block]?.[BATCH_FIELDS.file.input] as
    | { files?: UploadedFile[] }
    | undefined;
  return state?.files ?? [];
}

function batchInput(
  view: SubmittedView,
  requestedBy: SlackUserRef,
): BatchRequestInput & { fileName?: string } {
  const [file] = uploadedFiles(view);
  const csv = inputValue(view, BATCH_FIELDS.csv);
  return {
    ...(file?.id ? { fileId: file.id, fileName: file.name ?? 'the file' } : { csv }),
    sharePercent: inputValue(view, BATCH_FIELDS.share),
    defaultMemo: inputValue(view, BATCH_FIELDS.memo),
    requestedBy,
    source: 'slack_modal' as const,
  };
}

/** A problem with what was submitted, as Slack's form errors (block id → message), or undefined. */
function fieldErrors(error: unknown): Partial<Record<BatchField, string>> | undefined {
  const field = (error as { field?: BatchField }).field;
  if (!field || !(field in BATCH_FIELDS) || !(error instanceof PaydeskError)) return undefined;
  return { [field]: error.userMessage.replace(/^Couldn't read the payout run: /, '').slice(0, 500) };
}

const byBlock = (errors: Partial<Record<BatchField, string>>) =>
  Object.fromEntries(
    Object.entries(errors).map(([field, message]) => [BATCH_FIELDS[field as BatchField].block, message]),
  );

/** What can be told without reading anything: one source, and a pasted CSV's shape. */
function checkForm(
  view: SubmittedView,
  input: BatchRequestInput,
): Partial<Record<BatchField, string>> | undefined {
  const pasted = inputValue(view, BATCH_FIELDS.csv).trim() !== '';
  if (uploadedFiles(view).length > 1) return { file: 'Upload one CSV file per run.' };
  if (input.fileId && pasted) return { csv: 'Upload a file or paste the CSV, not both.' };
  if (!input.fileId && !pasted) return { file: 'Upload a CSV file, or paste the CSV below.' };
  if (input.fileId) return undefined;
  try {
    validateBatchInput({ ...input, csv: input.csv ?? '' });
    return undefined;
  } catch (error) {
    return fieldErrors(error) ?? { csv: 'Check the CSV.' };
  }
}

/**
 * The payout run form. Problems found without reading anything go back into the form at once.
 * Then the file is read and every line resolved: within PREVIEW_ACK_BUDGET_MS the ack itself
 * answers (the preview, `response_action: update`, or the errors next to their field); a longer
 * read acks with a "reading" view, which the preview (or the form again, with the problem under
 * its field and what was typed kept) replaces when it is ready. Nothing is posted to the channel.
 */
export function batchRequestSubmission(services: Services) {
  return async ({
    ack,
    view,
    body,
    client,
  }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const user = slackUser(body);
    const input = batchInput(view, user);
    const problems = checkForm(view, input);
    if (problems) {
      await ack({ response_action: 'errors', errors: byBlock(problems) });
      return;
    }
    const work = (async (): Promise<RunPreview> => {
      if (!(await services.finance.isMember(user.userId))) throw new NotFinanceError();
      return previewPayoutRun(services.batchDeps, input);
    })();
    const settled = work.then(
      (preview) => ({ preview }),
      (error: unknown) => ({ error }),
    );
    const inTime = await Promise.race([
      settled,
      new Promise<undefined>((resolve) =>
        setTimeout(() => resolve(undefined), PREVIEW_ACK_BUDGET_MS).unref(),
      ),
    ]);
    const formAgain = (error: unknown) =>
      fieldErrors(error) ?? {
        [input.fileId ? 'file' : 'csv']: userFacingError(error, services.logger).text,
      };
    if (inTime) {
      if ('preview' in inTime)
        await ack({ response_action: 'update', view: batchPreviewModal(inTime.preview) });
      else await ack({ response_action: 'errors', errors: byBlock(formAgain(inTime.error)) });
      return;
    }
    await ack({ response_action: 'update', view: batchCheckingModal(input.fileName ?? 'the CSV') });
    services.background.run('payout run preview', async () => {
      const outcome = await settled;
      const next =
        'preview' in outcome
          ? batchPreviewModal(outcome.preview)
          : batchRequestModal({
              errors: formAgain(outcome.error),
              values: { csv: input.csv, share: input.sharePercent, memo: input.defaultMemo },
            });
      await client.views
        .update({ view_id: view.id, view: next })
        .catch((error) => services.logger.warn({ err: error }, 'could not show the payout run preview'));
    });
  };
}
