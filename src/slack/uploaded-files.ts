import type { WebClient } from '@slack/web-api';
import { MAX_CSV_BYTES } from '../domain/batch/csv';
import type { UploadedFiles } from '../domain/batch/ports';
import { PaydeskError } from '../domain/errors';
import { quoteInput } from '../domain/mrkdwn';

const DOWNLOAD_TIMEOUT_MS = 20_000;

/** The uploaded file could not be read: shown next to the form's file field. */
export class FileReadError extends PaydeskError {
  readonly field = 'file';
  constructor(name: string | undefined, why: string) {
    super(
      'batch_file_unreadable',
      `Couldn't read the file${name ? ` ${quoteInput(name, 60)}` : ''}: ${why} Upload it again or paste the CSV. Nothing was changed.`,
    );
  }
}

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/** A size over the cap, never shown as the cap itself ("10.0 MB; … at most 10.0 MB"). */
const overTheCap = (bytes: number) =>
  megabytes(bytes) === megabytes(MAX_CSV_BYTES) ? `more than ${megabytes(MAX_CSV_BYTES)}` : megabytes(bytes);

type FileInfo = { name?: string; size?: number; url_private_download?: string; url_private?: string };

async function readCapped(response: Response, name: string): Promise<Buffer> {
  const reader = response.body?.getReader();
  if (!reader) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_CSV_BYTES) {
      await reader.cancel();
      throw new FileReadError(
        name,
        `it is more than ${megabytes(MAX_CSV_BYTES)}; split it into several runs.`,
      );
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks);
}

/**
 * CSV files uploaded through the batch form's file input: `files.info` for the file's private
 * download URL, then the download with the bot token (`files:read`), at most MAX_CSV_BYTES.
 * Without a valid token Slack answers with its sign-in page (HTML), which is reported as a file
 * that couldn't be read, never parsed. The text must be UTF-8 (a byte-order mark is fine).
 */
export function slackUploadedFiles(slack: WebClient, botToken: string): UploadedFiles {
  return {
    async readText(fileId) {
      let info: FileInfo | undefined;
      try {
        info = ((await slack.files.info({ file: fileId })) as { file?: FileInfo }).file;
      } catch (error) {
        const code = (error as { data?: { error?: string } }).data?.error ?? 'no answer';
        throw new FileReadError(undefined, `Slack didn't hand it to Paydesk (\`${code}\`).`);
      }
      const name = info?.name ?? fileId;
      const url = info?.url_private_download ?? info?.url_private;
      if (!url) throw new FileReadError(name, 'Slack gave no download link for it.');
      if ((info?.size ?? 0) > MAX_CSV_BYTES) {
        throw new FileReadError(
          name,
          `it is ${overTheCap(info?.size ?? 0)}; a run's file takes at most ${megabytes(MAX_CSV_BYTES)}. Split it into several runs.`,
        );
      }
      let response: Response;
      try {
        response = await fetch(url, {
          headers: { authorization: `Bearer ${botToken}` },
          signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS),
        });
      } catch {
        throw new FileReadError(name, 'the download from Slack failed.');
      }
      if (!response.ok) throw new FileReadError(name, `Slack answered the download with ${response.status}.`);
      if (/text\/html/i.test(response.headers.get('content-type') ?? '')) {
        await response.body?.cancel();
        throw new FileReadError(name, 'Slack sent its sign-in page instead of the file.');
      }
      const bytes = await readCapped(response, name);
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        throw new FileReadError(
          name,
          'it isn\'t UTF-8 text. Save it as "CSV UTF-8" in Excel, or download it as CSV from Google Sheets.',
        );
      }
      if (/^\s*<(!doctype html|html)/i.test(text)) {
        throw new FileReadError(name, 'Slack sent a web page instead of the file.');
      }
      return { name, text };
    },
  };
}
