import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { systemClock } from '../../clock';
import { type RunningPeer, startChildProcessPeer } from './child-process-peer';
import { ensureMongoJavaServer, TOOLS_DIR } from './tools';

export type MongoPeer = RunningPeer & { uri: string; kind: 'mongod' | 'mongo-java-server' };

/**
 * A real MongoDB wire-protocol server for local runs and tests: mongod through
 * mongodb-memory-server when its binary can be had (cached or downloadable), otherwise
 * mongo-java-server, in memory or, with `dataFile`, in an H2 file that survives restarts.
 *
 * FerretDB v1.24 (SQLite) was the first fallback and was dropped: its findAndModify reads and
 * then writes without a lock, so concurrent compare-and-sets both "won" and $inc lost updates.
 */
export async function startMongoPeer(options: {
  dataFile?: string;
  port?: number;
  log?: (line: string) => void;
  skipMongod?: boolean;
}): Promise<MongoPeer> {
  const log = options.log ?? (() => {});
  if (!options.skipMongod) {
    const mongod = await tryMongoMemoryServer(options, log);
    if (mongod) return mongod;
  }
  const classpath = await ensureMongoJavaServer(log);
  if (options.dataFile) mkdirSync(path.dirname(options.dataFile), { recursive: true });
  const peer = await startChildProcessPeer({
    kind: 'mongo-java-server',
    binary: 'java',
    port: options.port,
    args: (port) => [
      '-XX:+UseSerialGC',
      '-Xss512k',
      '-cp',
      classpath,
      'paydesk.MongoServerMain',
      String(port),
      ...(options.dataFile ? [options.dataFile] : []),
    ],
  });
  return { ...peer, kind: 'mongo-java-server', uri: `mongodb://127.0.0.1:${peer.port}/` };
}

const MONGOD_UNAVAILABLE_MARKER = path.join(TOOLS_DIR, 'mongod-unavailable');
const RETRY_DOWNLOAD_AFTER_MS = 24 * 60 * 60 * 1000;

/** A failed mongod download is remembered for a day, so each run does not wait for it again. */
async function tryMongoMemoryServer(
  options: { port?: number },
  log: (line: string) => void,
): Promise<MongoPeer | undefined> {
  if (existsSync(MONGOD_UNAVAILABLE_MARKER)) {
    const age = systemClock().getTime() - statSync(MONGOD_UNAVAILABLE_MARKER).mtimeMs;
    if (age < RETRY_DOWNLOAD_AFTER_MS) return undefined;
  }
  try {
    const { MongoBinary, MongoMemoryServer } = await import('mongodb-memory-server');
    const binary = await MongoBinary.getPath();
    const server = await MongoMemoryServer.create({
      binary: { systemBinary: binary },
      instance: { port: options.port, ip: '127.0.0.1' },
    });
    const uri = server.getUri();
    const port = Number(new URL(uri).port);
    return {
      kind: 'mongod',
      uri: `mongodb://127.0.0.1:${port}/`,
      port,
      pid: server.instanceInfo?.instance.mongodProcess?.pid ?? -1,
      stop: async () => {
        await server.stop();
      },
    };
  } catch (error) {
    log(
      `mongod is not available here (${(error as Error).message.split('\n')[0]}); using mongo-java-server instead`,
    );
    mkdirSync(TOOLS_DIR, { recursive: true });
    writeFileSync(MONGOD_UNAVAILABLE_MARKER, `${systemClock().toISOString()}\n`);
    return undefined;
  }
}
