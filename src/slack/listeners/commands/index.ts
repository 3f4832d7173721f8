import type { App } from '@slack/bolt';
import type { Services } from '../../../app/services';
import { COMMANDS } from '../../ids';
import { payoutsCommand } from './payouts';
import { topupCommand } from './topup';
import { transferCommand } from './transfer';

export function registerCommands(app: App, services: Services): void {
  app.command(COMMANDS.payouts, payoutsCommand(services));
  app.command(COMMANDS.topup, topupCommand(services));
  app.command(COMMANDS.transfer, transferCommand(services));
}
