import type { SimFile, SimUpload } from './types';

/** What files.getUploadURLExternal announced; the bytes arrive later at the upload URL. */
export interface PendingUpload {
  id: string;
  filename: string;
  length: number;
  altText?: string;
  snippetType?: string;
  bytes?: Buffer;
}

/**
 * The three steps of files.uploadV2: announce (get an upload URL), upload the bytes, complete
 * (share into a channel). A file only appears in `files()` once completed, as in Slack.
 */
export class FileStore {
  private readonly pendingById = new Map<string, PendingUpload>();
  private readonly completed: SimFile[] = [];
  /** Files people uploaded (a modal's file input), readable with files.info and the bot token. */
  private readonly uploadsById = new Map<string, SimUpload>();

  announce(upload: PendingUpload): void {
    this.pendingById.set(upload.id, upload);
  }

  /** Returns false for an id nobody announced, so a stray upload gets an error rather than vanishing. */
  receiveBytes(id: string, bytes: Buffer): boolean {
    const pending = this.pendingById.get(id);
    if (pending === undefined) return false;
    pending.bytes = bytes;
    return true;
  }

  pending(id: string): PendingUpload | undefined {
    return this.pendingById.get(id);
  }

  complete(file: SimFile): void {
    this.pendingById.delete(file.id);
    this.completed.push(file);
  }

  files(): SimFile[] {
    return [...this.completed];
  }

  addUpload(upload: SimUpload): void {
    this.uploadsById.set(upload.id, upload);
  }

  upload(id: string): SimUpload | undefined {
    return this.uploadsById.get(id);
  }

  reset(): void {
    this.pendingById.clear();
    this.uploadsById.clear();
    this.completed.length = 0;
  }
}
