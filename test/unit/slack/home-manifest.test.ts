import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';

type Manifest = {
  features: {
    app_home: {
      home_tab_enabled: boolean;
      messages_tab_enabled: boolean;
      messages_tab_read_only_enabled: boolean;
    };
  };
  settings: { event_subscriptions: { bot_events?: string[] } };
};

const root = path.resolve(__dirname, '../../..');
const manifest = parseYaml(readFileSync(path.join(root, 'manifest.yml'), 'utf8')) as Manifest;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return name.endsWith('.ts') ? [readFileSync(full, 'utf8')] : [];
  });
}

/** Every Events API event the app registers a Bolt listener for (`app.event('…')`, `app.message(…)`). */
function handledEvents(): string[] {
  const text = sources(path.join(root, 'src')).join('\n');
  const events = [...text.matchAll(/\bapp\.event\(\s*'([a-z_.]+)'/g)].map((match) => match[1] as string);
  if (/\bapp\.message\(/.test(text)) events.push('message.im');
  return [...new Set(events)].sort();
}

describe('manifest.yml for App Home', () => {
  it('turns the Home tab on and subscribes to app_home_opened, which a listener handles', () => {
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.bot_events).toContain('app_home_opened');
    expect(handledEvents()).toContain('app_home_opened');
  });

  it('keeps the Messages tab for DMs but read-only: nobody reads replies to Paydesk', () => {
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
    expect(manifest.features.app_home.messages_tab_read_only_enabled).toBe(true);
  });

  it('subscribes to exactly the bot events the app has listeners for', () => {
    const subscribed = [...(manifest.settings.event_subscriptions.bot_events ?? [])].sort();
    expect(subscribed).toEqual(handledEvents());
  });
});
