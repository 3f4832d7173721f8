import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../logger';

/** Bolt logs through pino, so its lines get the same redaction as ours. */
export function boltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: 'bolt' });
  const join = (parts: unknown[]) =>
    parts.map((part) => (typeof part === 'string' ? part : String(part))).join(' ');
  let level = LogLevel.INFO;
  return {
    debug: (...msg) => child.debug(join(msg)),
    info: (...msg) => child.info(join(msg)),
    warn: (...msg) => child.warn(join(msg)),
    error: (...msg) => child.error(join(msg)),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

/**
 * WebClient's lines through pino, without its debug lines: those carry request bodies (a DM's
 * onboarding link, say), which must never reach the logs.
 */
export function webClientLogger(logger: Logger): BoltLogger {
  return { ...boltLogger(logger), debug: () => {} };
}
