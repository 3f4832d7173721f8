/**
 * `npm run demo`: Paydesk against the sandbox Slack and Stripe simulators and an embedded
 * database, with no configuration and no accounts. Plays the story over real HTTP, prints the
 * transcript and exits 0, or exits 1 loudly at the first step that does not behave.
 *
 * `npm run demo -- --open` then keeps everything running and serves the sandbox Slack as a web
 * page (default http://localhost:3210/sandbox). `--fresh` skips the story (an empty workspace),
 * `--port N` picks the page's port, `--at ISO-DATE` starts the simulated clock on that date,
 * `--verbose` shows the app's logs.
 */
import pino from 'pino';
import { startDemoWorld } from '../sandbox/demo';
import { runDemo } from '../sandbox/demo/run-demo';
import { createLogger } from '../src/logger';

type Options = { open: boolean; fresh: boolean; port: number; verbose: boolean; at?: Date };

function parseArgs(argv: string[]): Options {
  const options: Options = { open: false, fresh: false, port: 3210, verbose: false };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--open') options.open = true;
    else if (arg === '--fresh') options.fresh = true;
    else if (arg === '--verbose') options.verbose = true;
    else if (arg === '--port') options.port = Number(argv[++i]);
    else if (arg === '--at') options.at = new Date(argv[++i] ?? '');
    else if (arg?.startsWith('--at=')) options.at = new Date(arg.slice('--at='.length));
    else if (arg?.startsWith('--port=')) options.port = Number(arg.slice('--port='.length));
    else if (arg === '--help' || arg === '-h') {
      process.stdout.write(
        'usage: npm run demo [-- --open [--fresh] [--port N]] [--at ISO-DATE] [--verbose]\n',
      );
      process.exit(0);
    } else {
      process.stderr.write(`demo: unknown argument ${arg}\n`);
      process.exit(2);
    }
  }
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
    process.stderr.write('demo: --port must be a port number\n');
    process.exit(2);
  }
  if (options.at && Number.isNaN(options.at.getTime())) {
    process.stderr.write('demo: --at must be a date, e.g. 2026-12-24T15:00:00Z\n');
    process.exit(2);
  }
  return options;
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  const say = (line: string) => process.stdout.write(`${line}\n`);
  const logger = createLogger({
    level: options.verbose ? 'info' : 'error',
    destination: pino.destination({ fd: 2, sync: true }),
  });
  say('Starting the sandbox: embedded database, Slack and Stripe simulators, Paydesk…');
  const world = await startDemoWorld({ logger, log: (line) => say(`  ${line}`), startAt: options.at });
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await world.stop();
    process.exit(code);
  };
  process.once('SIGINT', () => void stop(130));
  process.once('SIGTERM', () => void stop(143));

  try {
    const run = await runDemo(world, options, { say, warn: (line) => process.stderr.write(`${line}\n`) });
    if (run.done) {
      await stop(run.code);
      return run.code;
    }
  } catch (error) {
    // Never leave the embedded database running behind a crashed demo.
    await world.stop().catch(() => {});
    throw error;
  }
  return new Promise<number>(() => {});
}

main().catch(async (error: unknown) => {
  process.stderr.write(
    `\n✖ npm run demo could not run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
