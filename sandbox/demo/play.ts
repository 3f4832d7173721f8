import { DemoStepError } from './check';
import { SlackFeed } from './slack-feed';
import { STORY, type StoryState } from './story';
import { StoryKit } from './story-kit';
import { Transcript } from './transcript';
import type { DemoWorld } from './world';

export type StoryOutcome =
  | { ok: true; transcript: Transcript; steps: number; checks: number; ms: number }
  | { ok: false; transcript: Transcript; failedStep: number; title: string; error: Error };

/**
 * Plays the story against a running sandbox, writing the transcript line by line to `out`.
 * Stops at the first step that does not behave and says which one and why.
 */
export async function playStory(
  world: DemoWorld,
  out: (line: string) => void = () => {},
): Promise<StoryOutcome> {
  const transcript = new Transcript(out);
  for (const app of world.apps)
    transcript.nameOrigin(app.paydesk.url, app.mode === 'oauth' ? 'Paydesk' : 'Paydesk/account_links');
  transcript.nameOrigin(world.stripe.url, 'Stripe');
  transcript.nameOrigin(world.slack.url, 'Slack');
  const feed = new SlackFeed(world.slack, world.names);
  feed.skip();
  const kit = new StoryKit(world, transcript, feed);
  const state: StoryState = {};
  const started = Date.now();
  transcript.title('Paydesk demo: a writer onboarded, a top-up settled, a writer paid — all over real HTTP');
  for (const [index, step] of STORY.entries()) {
    transcript.step(index + 1, step.title);
    try {
      await step.run(kit, state);
    } catch (caught) {
      const error = caught instanceof Error ? caught : new Error(String(caught));
      kit.show();
      transcript.write('');
      transcript.write(`✖ DEMO FAILED at step ${index + 1} (${step.title})`);
      transcript.write(`  ${error.message}`);
      if (error instanceof DemoStepError && error.details) {
        for (const line of error.details.split('\n')) transcript.write(`  ${line}`);
      } else if (!(error instanceof DemoStepError) && error.stack) {
        for (const line of error.stack.split('\n').slice(1, 6)) transcript.write(`  ${line.trim()}`);
      }
      return { ok: false, transcript, failedStep: index + 1, title: step.title, error };
    }
  }
  const ms = Date.now() - started;
  transcript.write('');
  transcript.write(
    `✔ The story played as expected: ${STORY.length} steps, each one checked, in ${(ms / 1000).toFixed(1)} s.`,
  );
  return { ok: true, transcript, steps: STORY.length, checks: transcript.checksPassed, ms };
}
