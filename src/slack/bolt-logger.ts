import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../logger';

/**
 * The debug lines in which WebClient echoes a Web API call's body and Slack's answer. Bolt hands
 * its own logger to the `client` listeners get, so these would carry whatever a listener sends
 * (a modal holding a Stripe login link, say) into the logs.
 */
const WEB_API_PAYLOAD_LINE = /^http (request body|request result|response body)/;

/** Bolt logs through pino, so its lines get the same redaction as ours. */
export function boltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: 'bolt' });
  const join = (parts: unknown[]) =>
    parts.map((part) => (typeof part === 'string' ? part : String(part))).join(' ');
  let level = LogLevel.INFO;
  return {
    debug: (...msg) => {
      const line = join(msg);
      if (!WEB_API_PAYLOAD_LINE.test(line)) child.debug(line);
    },
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
