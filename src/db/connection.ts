import path from 'node:path';
import mongoose, { type Connection } from 'mongoose';
import type { Logger } from '../logger';
import { type Models, registerModels } from './models';
import { type MongoPeer, startMongoPeer } from './peers/mongo-peer';
import { TOOLS_DIR } from './peers/tools';

export type Database = {
  connection: Connection;
  models: Models;
  embedded?: MongoPeer;
  ping(): Promise<void>;
  close(): Promise<void>;
};

export class DatabaseUnavailableError extends Error {
  readonly code = 'paydesk_database_unavailable';
  constructor(cause?: unknown) {
    super('The database is unreachable', { cause });
    this.name = 'DatabaseUnavailableError';
  }
}

/**
 * Connects with command buffering off and short selection timeouts, so that with the database
 * gone a Slack request fails in well under Slack's 3 s budget instead of queueing for 10 s.
 */
export async function connectDatabase(options: {
  uri?: string;
  dbName?: string;
  logger: Logger;
  embeddedDataFile?: string;
}): Promise<Database> {
  let embedded: MongoPeer | undefined;
  let uri = options.uri;
  if (uri === undefined) {
    embedded = await startMongoPeer({
      dataFile: options.embeddedDataFile ?? path.join(TOOLS_DIR, '..', '.data', 'paydesk.mv.db'),
      log: (line) => options.logger.info(line),
    });
    options.logger.warn(
      { peer: embedded.kind, port: embedded.port },
      '!!! MONGODB_URI is not set: using an embedded database for local use only. NOT FOR PRODUCTION: set MONGODB_URI to a replica set. !!!',
    );
    uri = `${embedded.uri}paydesk`;
  }
  const connection = mongoose.createConnection(uri, {
    dbName: options.dbName,
    bufferCommands: false,
    autoIndex: false,
    autoCreate: true,
    serverSelectionTimeoutMS: 1500,
    socketTimeoutMS: 20_000,
    heartbeatFrequencyMS: 1000,
    maxPoolSize: 50,
  });
  try {
    await connection.asPromise();
  } catch (error) {
    await embedded?.stop();
    throw new DatabaseUnavailableError(error);
  }
  const models = registerModels(connection);
  try {
    await ensureIndexes(models);
  } catch (error) {
    await connection.close();
    await embedded?.stop();
    throw error;
  }
  return {
    connection,
    models,
    embedded,
    async ping() {
      const db = connection.db;
      if (!db || connection.readyState !== 1) throw new DatabaseUnavailableError();
      try {
        await db.command({ ping: 1 }, { timeoutMS: 1500 });
      } catch (error) {
        throw new DatabaseUnavailableError(error);
      }
    },
    async close() {
      await connection.close();
      await embedded?.stop();
    },
  };
}

/** Unique indexes carry correctness (dedupe, compare-and-set, chain order): no index, no start. */
async function ensureIndexes(models: Models): Promise<void> {
  for (const model of Object.values(models)) {
    await model.createCollection().catch(() => {});
    await model.createIndexes();
    const declared = model.schema.indexes().filter(([, options]) => options?.unique === true);
    const existing = await model.listIndexes();
    for (const [fields] of declared) {
      const found = existing.some(
        (index) => index.unique === true && JSON.stringify(index.key) === JSON.stringify(fields),
      );
      if (!found) {
        throw new Error(
          `unique index ${JSON.stringify(fields)} on ${model.collection.name} could not be created`,
        );
      }
    }
  }
}
