import { isRecord } from './request-body';

export interface FoundActionElement {
  blockId?: string;
  element: Record<string, unknown>;
}

/**
 * The interactive element with `actionId` in a message's or view's blocks (in an actions block, as a
 * section accessory or as an input's element), so a simulated click carries the value and block_id
 * the app really rendered. With `inBlock`, the one in that block comes first: a Home tab lists many
 * requests, each with its own Approve of the same action_id. Undefined means the app did not render
 * that button (or removed it).
 */
export function findActionElement(
  blocks: readonly unknown[],
  actionId: string,
  inBlock?: string,
): FoundActionElement | undefined {
  let first: FoundActionElement | undefined;
  for (const block of blocks) {
    if (!isRecord(block)) continue;
    const blockId = typeof block.block_id === 'string' ? block.block_id : undefined;
    for (const element of interactiveElementsOf(block)) {
      if (element.action_id !== actionId) continue;
      const found = blockId === undefined ? { element } : { blockId, element };
      if (inBlock === undefined || blockId === inBlock) return found;
      first ??= found;
    }
  }
  return first;
}

function interactiveElementsOf(block: Record<string, unknown>): Record<string, unknown>[] {
  const candidates: unknown[] = [];
  if (Array.isArray(block.elements)) candidates.push(...block.elements);
  if (block.accessory !== undefined) candidates.push(block.accessory);
  if (block.element !== undefined) candidates.push(block.element);
  return candidates.filter(isRecord);
}
