import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { CONFIG_VARIABLES } from '../../src/config';
import { COMMANDS } from '../../src/slack/ids';

const ROOT = path.resolve(__dirname, '..', '..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

const readme = read('README.md');
const manifest = read('manifest.yml');

const BOT_SCOPES = [
  'chat:write',
  'commands',
  'im:write',
  'users:read',
  'users:read.email',
  'usergroups:read',
  'files:write',
  // The CSV file uploaded in the batch form is downloaded with the bot token.
  'files:read',
  // The audit checkpoints are read back from the finance channel (public or private), and a post
  // or DM whose delivery was cut off is looked for before it is posted again.
  'channels:history',
  'groups:history',
  'im:history',
];

/** The body of a `## heading` section, up to the next `## `. */
function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  if (start === -1) throw new Error(`README has no "## ${heading}" section`);
  const rest = markdown.slice(start + heading.length + 5);
  const end = rest.search(/\n## /);
  return end === -1 ? rest : rest.slice(0, end);
}

/** First-column names of the table rows that start with a backticked variable name. */
function documentedVariables(markdown: string): string[] {
  return section(markdown, 'Environment variables')
    .split('\n')
    .map((line) => /^\|\s*`([A-Z][A-Z0-9_]*)`\s*\|/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined);
}

describe('README', () => {
  it('documents exactly the environment variables src/config.ts reads', () => {
    const documented = documentedVariables(readme);
    expect(new Set(documented).size).toBe(documented.length);
    expect([...documented].sort()).toEqual([...CONFIG_VARIABLES].sort());
  });

  it('gives every variable a required, default and meaning column', () => {
    const rows = section(readme, 'Environment variables')
      .split('\n')
      .filter((line) => /^\|\s*`[A-Z]/.test(line));
    for (const row of rows) {
      const cells = row.split('|').slice(1, -1);
      expect(cells).toHaveLength(4);
      expect(cells[1]?.trim()).not.toBe('');
      expect(cells[3]?.trim()).not.toBe('');
    }
  });

  it('shows the two commands', () => {
    expect(readme).toContain('npm ci && npm run demo');
    expect(readme).toContain('npm test');
  });

  it('names every npm script', () => {
    const scripts = Object.keys(
      (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts,
    );
    for (const script of scripts) {
      expect(readme).toContain(['start', 'test'].includes(script) ? `npm ${script}` : `npm run ${script}`);
    }
  });
});

describe('.ci/run', () => {
  const ci = read('.ci/run');

  it('is an executable bash script that fails on the first error', () => {
    expect(statSync(path.join(ROOT, '.ci/run')).mode & 0o111).not.toBe(0);
    expect(ci.startsWith('#!/usr/bin/env bash\n')).toBe(true);
    expect(ci).toMatch(/^set -euo pipefail$/m);
  });

  it("installs with npm ci, then runs exactly the README's test command", () => {
    const commands = ci
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.startsWith('npm '));
    expect(commands).toEqual(['npm ci', 'npm test']);
  });
});

describe('manifest.yml', () => {
  it('declares the three commands, escaped, with usage hints, all at /slack/events', () => {
    for (const command of Object.values(COMMANDS)) {
      expect(manifest).toMatch(new RegExp(`^\\s*- command: ${command}$`, 'm'));
    }
    expect(manifest.match(/^\s*should_escape: true$/gm)).toHaveLength(3);
    expect(manifest.match(/^\s*usage_hint: /gm)).toHaveLength(3);
    expect(manifest).not.toMatch(/should_escape: false/);
  });

  it('sends every request URL to /slack/events', () => {
    const urls = [...manifest.matchAll(/^\s*(?:url|request_url): (\S+)$/gm)].map((match) => match[1]);
    expect(urls).toHaveLength(5);
    for (const url of urls) expect(url).toMatch(/^https:\/\/[^/\s]+\/slack\/events$/);
  });

  it('asks for exactly the ten bot scopes', () => {
    const scopes = /^ {4}bot:\n((?: {6}- .+\n)+)/m
      .exec(manifest)?.[1]
      ?.split('\n')
      .map((line) => line.replace(/^\s*- /, '').trim())
      .filter(Boolean);
    expect(scopes?.sort()).toEqual([...BOT_SCOPES].sort());
  });

  it('turns on interactivity and keeps socket mode, org deploy and token rotation off', () => {
    expect(manifest).toMatch(/^ {2}interactivity:\n {4}is_enabled: true$/m);
    expect(manifest).toMatch(/^ {2}socket_mode_enabled: false$/m);
    expect(manifest).toMatch(/^ {2}org_deploy_enabled: false$/m);
    expect(manifest).toMatch(/^ {2}token_rotation_enabled: false$/m);
  });

  it('parses as YAML into the structure Slack expects', () => {
    type Manifest = {
      display_information: { name: string };
      features: {
        bot_user: { display_name: string };
        slash_commands: { command: string; should_escape: boolean }[];
      };
      oauth_config: { scopes: { bot: string[] } };
      settings: Record<string, unknown> & { interactivity: { is_enabled: boolean } };
    };
    const parsed = parseYaml(manifest) as Manifest;
    expect(parsed.display_information.name).toBe('Paydesk');
    expect(parsed.features.bot_user.display_name).toBe('Paydesk');
    expect(parsed.features.slash_commands.map((c) => [c.command, c.should_escape])).toEqual(
      Object.values(COMMANDS).map((command) => [command, true]),
    );
    expect([...parsed.oauth_config.scopes.bot].sort()).toEqual([...BOT_SCOPES].sort());
    expect(parsed.settings.interactivity.is_enabled).toBe(true);
    expect(parsed.settings.org_deploy_enabled).toBe(false);
    expect(parsed.settings.socket_mode_enabled).toBe(false);
    expect(parsed.settings.token_rotation_enabled).toBe(false);
  });
});
