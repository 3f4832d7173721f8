import type { CrashPoint } from '../config';

export type CrashSwitch = (point: CrashPoint) => void;

/**
 * Test-only fault injection: with PAYDESK_CRASH_AT set (refused in production by config), the
 * process dies abruptly at that named point, as a power cut would, so recovery can be proven.
 */
export function crashSwitch(crashAt: CrashPoint | undefined): CrashSwitch {
  if (crashAt === undefined) return () => {};
  return (point) => {
    if (point === crashAt) {
      process.stderr.write(`PAYDESK_CRASH_AT=${point}: exiting now\n`);
      process.kill(process.pid, 'SIGKILL');
    }
  };
}
