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
 * Every write waits for a majority of the replica set to have it in its on-disk journal: a
 * money-moving transition or an audit line that was acknowledged survives the primary dying a
 * moment later (with w:1 it could be rolled back by the next primary). Set on the client, so
 * every model and collection inherits it, and it wins over w/journal in the URI. A WriteConcern
 * instance, not a plain object: the driver merges a URI's `journal=false` as `j`, which would
 * outrank a plain object's `journal: true`. wtimeoutMS bounds a write waiting for replication.
 */
export const WRITE_CONCERN = new mongoose.mongo.WriteConcern('majority', 10_000, true);

/**
 * Fail-fast server selection for callers that pass no timeout (tests, tools). The app passes
 * MONGODB_SERVER_SELECTION_TIMEOUT_MS (default 15 s, longer than a ~12 s election); Slack has
 * had its ack by then, because every listener acks before touching the database.
 */
export const FAIL_FAST_SERVER_SELECTION_TIMEOUT_MS = 1500;

/** /readyz answers within Slack-ish time whatever the selection timeout is. */
const PING_TIMEOUT_MS = 1500;

/**
 * Connects with command buffering off (a request waits at most the server selection timeout,
 * never in an unbounded queue), majority+journal writes, and retryable reads and writes, so a
 * write interrupted by a failover is retried once on the new primary.
 */
export async function connectDatabase(options: {
  uri?: string;
  dbName?: string;
  logger: Logger;
  embeddedDataFile?: string;
  serverSelectionTimeoutMS?: number;
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
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? FAIL_FAST_SERVER_SELECTION_TIMEOUT_MS,
    writeConcern: WRITE_CONCERN,
    retryWrites: true,
    retryReads: true,
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
        await db.command({ ping: 1 }, { timeoutMS: PING_TIMEOUT_MS });
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

/**
 * Unique indexes a schema no longer declares, by collection: left in place they would go on
 * refusing what is now allowed (a transfer's retry keeps its reference, unique with its attempt).
 */
const RETIRED_UNIQUE_INDEXES: Record<string, string[]> = { transfers: ['ref_1'] };

/** Unique indexes carry correctness (dedupe, compare-and-set, chain order): no index, no start. */
async function ensureIndexes(models: Models): Promise<void> {
  for (const model of Object.values(models)) {
    await model.createCollection().catch(() => {});
    for (const name of RETIRED_UNIQUE_INDEXES[model.collection.name] ?? []) {
      const present = (await model.listIndexes()).some((index) => index.name === name);
      // Another replica starting at the same moment may have dropped it first (IndexNotFound, 27).
      if (present) {
        await model.collection.dropIndex(name).catch((error: { code?: number }) => {
          if (error?.code !== 27) throw error;
        });
      }
    }
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
