import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { AppProbe } from './protocol';

/** CPU time each process used during one measured section (ms); the DB peer's only where /proc exists. */
export type CpuSplit = {
  section: string;
  /** The app the section drives. */
  app: 'paydesk' | 'bare';
  requests: number;
  wallMs: number;
  paydeskMs: number;
  bareMs: number;
  /** This process: the load generator and both simulators. */
  benchMs: number;
  dbMs: number | null;
  /** CPU time of every other process on the machine (other people's test runs, say); null without /proc. */
  otherMs: number | null;
  /** The whole machine's busy share (all processes, all cores), 0..1; null without /proc. */
  machineBusy: number | null;
  /** Paydesk's database operations during the section, by `collection.method`. */
  dbOps: Record<string, number>;
  /** Paydesk's event loop and replay check during the section (Paydesk's sections only). */
  probe: AppProbe | null;
  /** Garbage-collection pauses of this process (the load generator): they delay every answer it times. */
  benchGcPauses: { totalMs: number; maxMs: number };
};

let clockTicks: number | undefined;

function ticksToMs(ticks: number): number {
  clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  return (ticks / clockTicks) * 1000;
}

/** All processes' busy and total CPU time from /proc/stat (Linux), in ms summed over cores. */
export function machineCpuMs(): { busy: number; total: number } | null {
  try {
    const [, ...fields] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/);
    const [user, nice, system, idle, iowait, irq, softirq, steal] = fields.map(Number) as number[];
    const busy = (user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0);
    return { busy: ticksToMs(busy), total: ticksToMs(busy + (idle ?? 0) + (iowait ?? 0)) };
  } catch {
    return null;
  }
}

export type CpuReading = {
  paydesk: number;
  bare: number;
  bench: number;
  db: number | null;
  machine: { busy: number; total: number } | null;
};

export function machineShare(
  before: CpuReading,
  after: CpuReading,
): { otherMs: number | null; machineBusy: number | null } {
  if (!before.machine || !after.machine) return { otherMs: null, machineBusy: null };
  const busy = after.machine.busy - before.machine.busy;
  const ours =
    after.paydesk -
    before.paydesk +
    (after.bare - before.bare) +
    (after.bench - before.bench) +
    ((after.db ?? 0) - (before.db ?? 0));
  return {
    otherMs: Math.max(0, busy - ours),
    machineBusy: busy / Math.max(1, after.machine.total - before.machine.total),
  };
}

/** utime + stime of another process from /proc (Linux), in ms; null elsewhere. */
export function processCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ticksToMs(Number(fields[11]) + Number(fields[12]));
  } catch {
    return null;
  }
}
