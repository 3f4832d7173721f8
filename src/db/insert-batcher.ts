import { mongo } from 'mongoose';
import { isDuplicateKeyError } from './repositories/errors';

type Waiting<T> = {
  doc: T;
  resolve: (outcome: 'stored' | 'duplicate') => void;
  reject: (error: unknown) => void;
};

/** Writes in flight at once; arrivals meanwhile wait and go together in the next one. */
const IN_FLIGHT = 2;
const MAX_BATCH = 200;

/**
 * Group commit for a hot insert path (the webhook inbox): inserts that arrive while earlier ones
 * are being written go to the database together, as one unordered insertMany, so a burst costs
 * the database a few round trips instead of one per document. Each caller still gets its own
 * outcome — stored, duplicate (unique key), or the error — only once its batch is written with
 * the collection's write concern, so an answer given after `insert` resolves is as durable as
 * with insertOne.
 */
export class InsertBatcher<T> {
  private readonly waiting: Waiting<T>[] = [];
  private inFlight = 0;

  /** `insertMany` writes the documents unordered, with the collection's write concern. */
  constructor(private readonly insertMany: (docs: T[]) => Promise<unknown>) {}

  insert(doc: T): Promise<'stored' | 'duplicate'> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ doc, resolve, reject });
      this.writeNext();
    });
  }

  private writeNext(): void {
    while (this.inFlight < IN_FLIGHT && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, MAX_BATCH);
      this.inFlight += 1;
      void this.write(batch).finally(() => {
        this.inFlight -= 1;
        this.writeNext();
      });
    }
  }

  private async write(batch: Waiting<T>[]): Promise<void> {
    try {
      await this.insertMany(batch.map((w) => w.doc));
      for (const w of batch) w.resolve('stored');
    } catch (error) {
      const writeErrors = error instanceof mongo.MongoBulkWriteError ? [error.writeErrors].flat() : [];
      if (writeErrors.length === 0 || (error as { writeConcernError?: unknown }).writeConcernError) {
        // Nothing says which were written (a write concern or network failure): none is answered stored.
        for (const w of batch) w.reject(error);
        return;
      }
      const failed = new Map<number, unknown>();
      for (const writeError of writeErrors) failed.set(writeError.index, writeError);
      batch.forEach((w, index) => {
        const failure = failed.get(index);
        if (failure === undefined) w.resolve('stored');
        else if (isDuplicateKeyError(failure)) w.resolve('duplicate');
        else w.reject(error);
      });
    }
  }
}
