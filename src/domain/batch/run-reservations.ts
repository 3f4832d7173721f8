import { capDayOf } from '../transfers/daily-cap';
import type { latestAttempts } from './results';
import type { PayoutRun } from './types';

export type Reservations = { day: string; cents: number }[];

type Latest = ReturnType<typeof latestAttempts>;

function adder(reservations: Reservations) {
  return (day: string, cents: number) => {
    const known = reservations.find((entry) => entry.day === day);
    if (known) known.cents += cents;
    else reservations.push({ day, cents });
  };
}

/**
 * What the last Resume reserved and no attempt used yet: it reserved each line it planned to try
 * again on its own day, and an attempt, once made, keeps or gives back its own share. A run that
 * paused again before trying a planned line still holds that line's share.
 */
export function plannedRetryReservations(run: PayoutRun, latest: Latest): Reservations {
  const reservations: Reservations = [];
  if (!run.resumedAt) return reservations;
  const add = adder(reservations);
  const amountOf = new Map(run.lines.map((line) => [line.line, line.amountCents]));
  for (const entry of run.retryPlan) {
    const last = latest.get(entry.line);
    if (last && last.attempt < entry.attempt && last.status === 'failed') {
      add(capDayOf(run.resumedAt), amountOf.get(entry.line) ?? 0);
    }
  }
  return reservations.filter((entry) => entry.cents > 0);
}

/**
 * What of the daily cap the run still holds for lines it never sent: the final approval reserved
 * the whole total on its day (a failed line gave its share back when it failed), and the last
 * Resume's planned attempts not made yet (plannedRetryReservations).
 */
export function unsentReservations(run: PayoutRun, latest: Latest): Reservations {
  const reservations: Reservations = [];
  const add = adder(reservations);
  for (const line of run.lines) {
    if (!latest.has(line.line) && run.decidedAt) add(capDayOf(run.decidedAt), line.amountCents);
  }
  for (const entry of plannedRetryReservations(run, latest)) add(entry.day, entry.cents);
  return reservations.filter((entry) => entry.cents > 0);
}
