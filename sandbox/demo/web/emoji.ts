const EMOJI: Record<string, string> = {
  moneybag: '💰',
  warning: '⚠️',
  white_check_mark: '✅',
  heavy_check_mark: '✔️',
  link: '🔗',
  no_entry: '⛔',
  leftwards_arrow_with_hook: '↩️',
  rotating_light: '🚨',
  x: '❌',
  hourglass: '⌛',
  hourglass_flowing_sand: '⏳',
  tada: '🎉',
  bank: '🏦',
  receipt: '🧾',
  lock: '🔒',
  eyes: '👀',
  information_source: 'ℹ️',
  page_facing_up: '📄',
  clock3: '🕒',
  arrows_counterclockwise: '🔄',
};

/** `:moneybag:` as 💰 for the emoji Slack would draw; unknown names stay as typed. Input is already escaped. */
export function emojify(escaped: string): string {
  return escaped.replace(/:([a-z0-9_+-]+):/g, (match, name: string) => EMOJI[name] ?? match);
}
