import type { RespondFn, SlashCommand } from '@slack/bolt';
import type { Services } from '../../../../app/services';

export type SubcommandInput = {
  services: Services;
  command: SlashCommand;
  args: string[];
  respond: RespondFn;
  isFinance: boolean;
};

export type Subcommand = (input: SubcommandInput) => Promise<void>;
