import { uploadObject } from '../file-download';
import type { SandboxWorkspace } from '../sandbox-workspace';
import type { SimFile, SlackParams } from '../types';
import { fail, type MethodHandler, missingArgument, ok, stringParam } from './method-handler';

/** Step 1 of files.uploadV2: hands out an upload URL on the simulator and a file id. */
const getUploadUrlExternal: MethodHandler = (params, workspace) => {
  const filename = stringParam(params, 'filename');
  if (filename === undefined) return missingArgument('filename');
  const length = Number(stringParam(params, 'length'));
  if (!Number.isInteger(length) || length < 0) return missingArgument('length');
  const id = workspace.ids.next('F');
  const altText = stringParam(params, 'alt_text');
  const snippetType = stringParam(params, 'snippet_type');
  workspace.files.announce({
    id,
    filename,
    length,
    ...(altText === undefined ? {} : { altText }),
    ...(snippetType === undefined ? {} : { snippetType }),
  });
  return ok({ upload_url: `${workspace.identity.baseUrl}/upload/${id}`, file_id: id });
};

function requestedFiles(params: SlackParams): { id: string; title?: string }[] | undefined {
  if (!Array.isArray(params.files)) return undefined;
  const files: { id: string; title?: string }[] = [];
  for (const entry of params.files as unknown[]) {
    if (typeof entry !== 'object' || entry === null) return undefined;
    const { id, title } = entry as { id?: unknown; title?: unknown };
    if (typeof id !== 'string') return undefined;
    files.push(typeof title === 'string' ? { id, title } : { id });
  }
  return files.length > 0 ? files : undefined;
}

/**
 * Step 3: the uploaded files become real and, given a channel, are shared there in one message
 * carrying the initial comment, which is what people see in Slack.
 */
const completeUploadExternal: MethodHandler = (params, workspace) => {
  const files = requestedFiles(params);
  if (files === undefined) return missingArgument('files');
  const channelArgument = stringParam(params, 'channel_id') ?? stringParam(params, 'channels');
  const channelId =
    channelArgument === undefined ? undefined : workspace.directory.resolveConversation(channelArgument);
  if (channelArgument !== undefined && channelId === undefined) return fail('channel_not_found');
  for (const file of files) {
    if (workspace.files.pending(file.id)?.bytes === undefined) return fail('file_not_found');
  }

  const initialComment = stringParam(params, 'initial_comment');
  const threadTs = stringParam(params, 'thread_ts');
  const completed = files.map((file) =>
    completeOne(workspace, file, { channelId, initialComment, threadTs }),
  );
  if (channelId !== undefined) shareInChannel(workspace, channelId, completed, initialComment, threadTs);
  return ok({
    files: completed.map((file) => ({
      id: file.id,
      title: file.title,
      name: file.filename,
      size: file.bytes.length,
    })),
  });
};

function completeOne(
  workspace: SandboxWorkspace,
  requested: { id: string; title?: string },
  sharing: { channelId?: string; initialComment?: string; threadTs?: string },
): SimFile {
  const pending = workspace.files.pending(requested.id);
  const bytes = pending?.bytes ?? Buffer.alloc(0);
  const filename = pending?.filename ?? requested.id;
  const file: SimFile = {
    id: requested.id,
    filename,
    title: requested.title ?? filename,
    content: bytes.toString('utf8'),
    bytes,
    at: new Date(),
    ...(sharing.channelId === undefined ? {} : { channelId: sharing.channelId }),
    ...(sharing.threadTs === undefined ? {} : { threadTs: sharing.threadTs }),
    ...(sharing.initialComment === undefined ? {} : { initialComment: sharing.initialComment }),
    ...(pending?.altText === undefined ? {} : { altText: pending.altText }),
    ...(pending?.snippetType === undefined ? {} : { snippetType: pending.snippetType }),
  };
  workspace.files.complete(file);
  return file;
}

function shareInChannel(
  workspace: SandboxWorkspace,
  channel: string,
  files: SimFile[],
  initialComment: string | undefined,
  threadTs: string | undefined,
): void {
  workspace.conversations.post({
    channel,
    ts: workspace.ids.nextTs(),
    user: workspace.identity.botUserId,
    botId: workspace.identity.botId,
    text: initialComment ?? '',
    blocks: [],
    via: 'files.completeUploadExternal',
    files: files.map((file) => ({ id: file.id, name: file.filename, title: file.title })),
    ...(threadTs === undefined ? {} : { threadTs }),
  });
}

/** files.info for a file a person uploaded: its metadata and private URLs (the bytes need the token). */
const info: MethodHandler = (params, workspace) => {
  const fileId = stringParam(params, 'file');
  if (fileId === undefined) return missingArgument('file');
  const upload = workspace.files.upload(fileId);
  return upload === undefined ? fail('file_not_found') : ok({ file: uploadObject(workspace, upload) });
};

export const filesMethods: Record<string, MethodHandler> = {
  'files.info': info,
  'files.getUploadURLExternal': getUploadUrlExternal,
  'files.completeUploadExternal': completeUploadExternal,
};
