import { randomBytes } from 'node:crypto';
import { connectDatabase, type Database } from '../../src/db/connection';
import { createLogger } from '../../src/logger';
import { ENV_MONGODB_URI } from './peers';

/** A fresh database on the shared test peer; every test file gets its own name. */
export async function connectTestDatabase(
  dbName = `t_${randomBytes(6).toString('hex')}`,
  uri = process.env[ENV_MONGODB_URI],
): Promise<Database> {
  if (!uri) throw new Error(`${ENV_MONGODB_URI} is not set: run the tests through jest's global setup`);
  return connectDatabase({ uri, dbName, logger: createLogger({ level: 'silent' }) });
}
