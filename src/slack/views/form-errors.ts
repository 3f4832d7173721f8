/**
 * A use case's error worded for a chat reply, reworded for the line under a form field: Slack
 * shows it as plain text, the form itself says what it is for, and nothing was sent yet. So no
 * "Couldn't request a top-up:" prefix, no command example, no "Nothing was changed.", and what the
 * person typed in quotes instead of backticks.
 */
export function inlineError(message: string): string {
  const text = message
    .replace(/^Couldn't [^:]{1,60}: /, '')
    .replace(/\s*Try `[^`]*`(?: or `[^`]*`)?\.?/g, '')
    .replace(/\s*Nothing was changed\.?/g, '')
    .replace(/`([^`]*)`/g, '“$1”')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&')
    .trim();
  const sentence = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?”]$/.test(sentence) ? sentence : `${sentence}.`;
}
