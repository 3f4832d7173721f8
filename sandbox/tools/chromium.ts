import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Where Debian and Ubuntu put their chromium; `PAYDESK_CHROMIUM` names any other build. */
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export class ChromiumUnavailable extends Error {
  readonly code = 'CHROMIUM_UNAVAILABLE';
}

/**
 * Finds the Chromium the browser test drives, installing Debian's `chromium` package when it is
 * missing and we are root on a Debian/Ubuntu machine, as the test command provisions its other
 * peers. Otherwise it says, in one line, what to install.
 */
export async function ensureChromium(
  log: (line: string) => void = () => {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const chosen = env.PAYDESK_CHROMIUM;
  if (chosen) {
    if (executable(chosen)) return chosen;
    throw new ChromiumUnavailable(`PAYDESK_CHROMIUM=${chosen} is not an executable file`);
  }
  const found = CANDIDATES.find(executable);
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !executable('/usr/bin/apt-get')) {
    throw new ChromiumUnavailable(
      'Chromium is missing: install it (Debian/Ubuntu: sudo apt-get install -y chromium) or set PAYDESK_CHROMIUM=/path/to/chromium',
    );
  }
  log("installing Debian's chromium with apt-get (first run only)");
  const options = { maxBuffer: 64 * 1024 * 1024, env: { ...env, DEBIAN_FRONTEND: 'noninteractive' } };
  try {
    await run('apt-get', ['update'], options);
    await run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], options);
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0];
    throw new ChromiumUnavailable(
      `Chromium is missing and apt-get could not install it (${reason}); set PAYDESK_CHROMIUM=/path/to/chromium`,
    );
  }
  const installed = CANDIDATES.find(executable);
  if (!installed)
    throw new ChromiumUnavailable('apt-get installed chromium but no chromium executable was found');
  return installed;
}
