import { playStory } from './play';
import { type SandboxWeb, startSandboxWeb } from './web/server';
import type { DemoWorld } from './world';

export type DemoRunOptions = { open: boolean; fresh: boolean; port: number };

/** `npm run demo`'s outcome: an exit code when it is done, or the sandbox page it keeps serving. */
export type DemoRun = { done: true; code: number } | { done: false; web: SandboxWeb; storyFailed: boolean };

/**
 * Plays the story (unless `--open --fresh`), then either ends with its verdict or, with `--open`,
 * serves the sandbox page. A failing story does not keep the sandbox closed: the failure is
 * reported and the workspace is opened as the story left it, which is where one wants to look.
 */
export async function runDemo(
  world: DemoWorld,
  options: DemoRunOptions,
  io: { say: (line: string) => void; warn: (line: string) => void },
): Promise<DemoRun> {
  let storyFailed = false;
  if (!options.fresh || !options.open) {
    const outcome = await playStory(world, io.say);
    if (!outcome.ok) {
      storyFailed = true;
      io.warn(`\n✖ npm run demo failed at step ${outcome.failedStep}: ${outcome.error.message}\n`);
      if (!options.open) return { done: true, code: 1 };
      io.say('The sandbox opens anyway, with the workspace as the story left it.');
    }
  }
  if (!options.open) return { done: true, code: 0 };
  const web = await startSandboxWeb(world, { port: options.port });
  io.say('');
  io.say(`The sandbox is running. Open ${web.url}/sandbox`);
  io.say(
    'Switch users, type commands, click buttons; settle top-ups in the Stripe panel. Ctrl-C stops everything.',
  );
  return { done: false, web, storyFailed };
}
