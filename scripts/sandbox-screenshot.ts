/**
 * Regenerates docs/sandbox.png, the README's picture of the sandbox: plays the demo story, then
 * photographs the web view as fin.two in #finance with Debian's chromium.
 *
 *   npx tsx scripts/sandbox-screenshot.ts [output.png]
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { playStory, startDemoWorld } from '../sandbox/demo';
import { startSandboxWeb } from '../sandbox/demo/web/server';
import { ensureChromium } from '../sandbox/tools/chromium';
import { createLogger } from '../src/logger';

async function main(): Promise<void> {
  const output = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'docs', 'sandbox.png'));
  const world = await startDemoWorld({ logger: createLogger({ level: 'silent' }) });
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'paydesk-chromium-'));
  try {
    const outcome = await playStory(world);
    if (!outcome.ok) throw new Error(outcome.transcript.text());
    const web = await startSandboxWeb(world, { port: 0 });
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: await ensureChromium((line) => process.stderr.write(`${line}\n`)),
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--no-first-run',
      ],
      viewport: { width: 1280, height: 760 },
    });
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`http://127.0.0.1:${web.port}/sandbox?as=fin.two`);
    await page.locator('#messages .sb-msg', { hasText: 'TR-0001 paid' }).waitFor();
    await page.waitForTimeout(300);
    mkdirSync(path.dirname(output), { recursive: true });
    await page.screenshot({ path: output });
    await context.close();
    await web.close();
    process.stdout.write(`wrote ${output}\n`);
  } finally {
    await world.stop();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
