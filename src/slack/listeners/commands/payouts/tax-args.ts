import { PaydeskError } from '../../../../domain/errors';
import { quoteInput } from '../../../../domain/mrkdwn';

/** A tax year as typed (`2026`); anything else is said back, and nothing is done. */
export function parseTaxYear(text: string, usage: string): number {
  const year = Number(text);
  if (!/^\d{4}$/.test(text) || year < 2000 || year > 2100) {
    throw new PaydeskError('bad_year', `${quoteInput(text)} isn't a year. Try ${usage}.`);
  }
  return year;
}
