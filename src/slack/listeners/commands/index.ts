import type { App } from '@slack/bolt';
import type { Services } from '../../../services';
import { COMMANDS } from '../../ids';
import { payoutsCommand } from './payouts';

export function registerCommands(app: App, services: Services): void {
  app.command(COMMANDS.payouts, payoutsCommand(services));
}
