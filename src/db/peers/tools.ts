import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const FERRETDB_VERSION = 'v1.24.2';
export const STRIPE_MOCK_VERSION = 'v0.197.0';

/** Git-ignored folder where the Go-built peers live; built once, reused after. */
export const TOOLS_DIR = path.resolve(__dirname, '..', '..', '..', '.tools');
const BIN_DIR = path.join(TOOLS_DIR, 'bin');

export function toolPath(name: 'ferretdb' | 'stripe-mock'): string {
  return path.join(BIN_DIR, name);
}

/**
 * FerretDB's `cmd/ferretdb` refuses to start without a generated build/version/version.txt,
 * which a plain `go install` does not produce; so the module is fetched through the Go module
 * proxy, the version file written, and the binary built from that copy.
 */
export async function ensureFerretDb(log: (line: string) => void = () => {}): Promise<string> {
  const binary = toolPath('ferretdb');
  if (existsSync(binary)) return binary;
  log(`building FerretDB ${FERRETDB_VERSION} into ${BIN_DIR} (first run only)`);
  mkdirSync(BIN_DIR, { recursive: true });
  const { stdout } = await run('go', ['mod', 'download', '-json', `github.com/FerretDB/FerretDB@${FERRETDB_VERSION}`], {
    maxBuffer: 16 * 1024 * 1024,
  });
  const moduleDir = (JSON.parse(stdout) as { Dir: string }).Dir;
  const work = mkdtempSync(path.join(tmpdir(), 'ferretdb-src-'));
  try {
    cpSync(moduleDir, work, { recursive: true });
    await run('chmod', ['-R', 'u+w', work]);
    writeFileSync(path.join(work, 'build', 'version', 'version.txt'), `${FERRETDB_VERSION}\n`);
    await run('go', ['build', '-o', binary, './cmd/ferretdb'], { cwd: work, maxBuffer: 16 * 1024 * 1024 });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return binary;
}

export async function ensureStripeMock(log: (line: string) => void = () => {}): Promise<string> {
  const binary = toolPath('stripe-mock');
  if (existsSync(binary)) return binary;
  log(`building stripe-mock ${STRIPE_MOCK_VERSION} into ${BIN_DIR} (first run only)`);
  mkdirSync(BIN_DIR, { recursive: true });
  await run('go', ['install', `github.com/stripe/stripe-mock@${STRIPE_MOCK_VERSION}`], {
    env: { ...process.env, GOBIN: BIN_DIR },
    maxBuffer: 16 * 1024 * 1024,
  });
  return binary;
}
