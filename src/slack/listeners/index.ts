import type { App } from '@slack/bolt';
import type { Services } from '../../services';
import { registerCommands } from './commands';

/** One registry per Slack surface; each folder's index registers its own files. */
export function registerListeners(app: App, services: Services): void {
  registerCommands(app, services);
}
