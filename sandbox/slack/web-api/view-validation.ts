import { fail, type SlackResult } from './method-handler';

/** Slack's limits on a view: 100 blocks (modal or Home), 3,000 characters in a section's text. */
const MAX_VIEW_BLOCKS = 100;
const MAX_SECTION_TEXT = 3000;

/**
 * What Slack checks in a view before storing it, answered the way views.* do: `invalid_arguments`
 * with the JSON pointer of each problem in response_metadata (chat.* say `invalid_blocks`).
 */
export function viewProblems(
  view: Record<string, unknown>,
  expectedType: 'home' | 'modal',
): SlackResult | undefined {
  const messages: string[] = [];
  if (view.type !== expectedType)
    messages.push(`[ERROR] must be '${expectedType}' [json-pointer:/view/type]`);
  const blocks = view.blocks;
  if (!Array.isArray(blocks)) messages.push('[ERROR] missing required field: blocks [json-pointer:/view]');
  else {
    if (blocks.length > MAX_VIEW_BLOCKS)
      messages.push(`[ERROR] no more than ${MAX_VIEW_BLOCKS} items allowed [json-pointer:/view/blocks]`);
    blocks.forEach((block: unknown, index) => {
      const record = typeof block === 'object' && block !== null ? (block as Record<string, unknown>) : {};
      if (typeof record.type !== 'string')
        messages.push(`[ERROR] missing required field: type [json-pointer:/view/blocks/${index}]`);
      const text = record.text as { text?: unknown } | undefined;
      if (record.type === 'section' && typeof text?.text === 'string' && text.text.length > MAX_SECTION_TEXT)
        messages.push(
          `[ERROR] must be less than ${MAX_SECTION_TEXT + 1} characters [json-pointer:/view/blocks/${index}/text/text]`,
        );
    });
  }
  return messages.length > 0 ? fail('invalid_arguments', { response_metadata: { messages } }) : undefined;
}
