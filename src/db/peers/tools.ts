import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const STRIPE_MOCK_VERSION = 'v0.197.0';

const REPO_DIR = path.resolve(__dirname, '..', '..', '..');
/** Git-ignored folder where the built peers live; built once, reused after. */
export const TOOLS_DIR = path.join(REPO_DIR, '.tools');
const BIN_DIR = path.join(TOOLS_DIR, 'bin');
const MONGO_JAVA_SERVER_POM = path.join(REPO_DIR, 'tools', 'mongo-java-server', 'pom.xml');
/** The launcher and the indexes it adds (tools/mongo-java-server/src/main/java). */
const MONGO_JAVA_SERVER_SOURCES = path.join(REPO_DIR, 'tools', 'mongo-java-server', 'src', 'main', 'java');
const MONGO_JAVA_SERVER_DIR = path.join(TOOLS_DIR, 'mongo-java-server');

/** Each file's path and content, in a fixed order: a change, a new file or a rename rebuilds. */
function sourceHash(files: string[]): string {
  const hash = createHash('sha256');
  for (const file of [...files].sort()) {
    hash.update(path.relative(REPO_DIR, file));
    hash.update(readFileSync(file));
  }
  return hash.digest('hex');
}

function javaSources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.java'))
    .map((file) => path.join(dir, file));
}

export function toolPath(name: 'stripe-mock'): string {
  return path.join(BIN_DIR, name);
}

/**
 * mongo-java-server (Maven Central) with its tiny launcher in tools/mongo-java-server; returns
 * the java classpath. Built with Maven on first use.
 */
export async function ensureMongoJavaServer(log: (line: string) => void = () => {}): Promise<string> {
  const jar = path.join(MONGO_JAVA_SERVER_DIR, 'paydesk-mongo-peer-1.0.0.jar');
  const stamp = path.join(MONGO_JAVA_SERVER_DIR, 'source.sha256');
  const sources = sourceHash([MONGO_JAVA_SERVER_POM, ...javaSources(MONGO_JAVA_SERVER_SOURCES)]);
  if (!existsSync(jar) || !existsSync(stamp) || readFileSync(stamp, 'utf8') !== sources) {
    log(
      `building mongo-java-server into ${MONGO_JAVA_SERVER_DIR} with Maven (first run, or its sources changed)`,
    );
    await run('mvn', ['-q', '-B', '-f', MONGO_JAVA_SERVER_POM, 'clean', 'package', '-DskipTests'], {
      maxBuffer: 16 * 1024 * 1024,
    });
    writeFileSync(stamp, sources);
  }
  return `${jar}${path.delimiter}${path.join(MONGO_JAVA_SERVER_DIR, 'lib', '*')}`;
}

export async function ensureStripeMock(log: (line: string) => void = () => {}): Promise<string> {
  const binary = toolPath('stripe-mock');
  if (existsSync(binary)) return binary;
  log(`building stripe-mock ${STRIPE_MOCK_VERSION} into ${BIN_DIR} with go install (first run only)`);
  mkdirSync(BIN_DIR, { recursive: true });
  await run('go', ['install', `github.com/stripe/stripe-mock@${STRIPE_MOCK_VERSION}`], {
    env: { ...process.env, GOBIN: BIN_DIR },
    maxBuffer: 16 * 1024 * 1024,
  });
  return binary;
}
