import { helpMessage } from '../../../views/help';
import type { Subcommand } from './context';

export const payoutsHelp: Subcommand = async ({ respond, isFinance }) => {
  await respond(helpMessage(isFinance));
};
