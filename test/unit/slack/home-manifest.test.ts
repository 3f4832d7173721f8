import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';

type Manifest = {
  features: { app_home: { home_tab_enabled: boolean } };
  settings: { event_subscriptions: { bot_events?: string[] } };
};

const manifest = parseYaml(
  readFileSync(path.resolve(__dirname, '../../../manifest.yml'), 'utf8'),
) as Manifest;
const listener = readFileSync(
  path.resolve(__dirname, '../../../src/slack/listeners/events/index.ts'),
  'utf8',
);

describe('manifest.yml for App Home', () => {
  it('turns the Home tab on and subscribes to app_home_opened, which a listener handles', () => {
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.bot_events).toContain('app_home_opened');
    expect(listener).toContain("app.event('app_home_opened'");
  });
});
