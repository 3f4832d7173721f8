import { PaydeskError } from '../../../../domain/errors';
import { taxExportCsv } from '../../../../domain/tax/csv';
import { currentTaxYear, yearFigures } from '../../../../domain/tax/year-figures';
import { ephemeralText } from '../../../views/ephemeral';
import { taxMeterMessage } from '../../../views/tax-meter';
import type { Subcommand } from './context';
import { parseTaxYear } from './tax-args';

const USAGE = '`/payouts tax [year]` or `/payouts tax export [year]`';

/** `/payouts tax [year]` (the meter) and `/payouts tax export [year]` (the accountant's CSV); finance only. */
export const payoutsTax: Subcommand = async ({ services, args, respond, command }) => {
  const deps = services.taxDeps;
  const exporting = args[0]?.toLowerCase() === 'export';
  const rest = exporting ? args.slice(1) : args;
  if (rest.length > 1) throw new PaydeskError('bad_arguments', `Try ${USAGE}.`);
  const year = rest[0] ? parseTaxYear(rest[0], USAGE) : currentTaxYear(deps);
  const figures = await yearFigures(deps, year);
  if (!exporting) {
    await respond(taxMeterMessage(figures));
    return;
  }
  const over = figures.rows.filter((row) => row.over).length;
  await services.slack.filesUploadV2({
    channel_id: services.config.finance.channelId,
    filename: `paydesk-1099-${year}.csv`,
    title: `Paydesk payments per writer, ${year}`,
    content: taxExportCsv(figures),
    initial_comment: `${year} payments per writer for the 1099-NECs, requested by <@${command.user_id}>: ${figures.rows.length} writers, ${over} at or over the threshold.`,
  });
  await respond(
    ephemeralText(`Exported ${figures.rows.length} writers' ${year} totals as a CSV to the finance channel.`),
  );
};
