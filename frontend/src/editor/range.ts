/**
 * Reading a Draft.js range: the blocks it covers and its visible text. Used to
 * build the text sent (`draftail/selection.ts`) and to check, before an answer
 * goes in, that the text is still what was sent (`./apply.ts`).
 */

import type { ContentBlock, ContentState, SelectionState } from 'draft-js';

import { slicesToText, type Slice } from './html';

/** Where `range` starts and ends in each block it covers, in order. */
export function rangeParts(
  content: ContentState,
  range: SelectionState,
): { block: ContentBlock; start: number; end: number }[] {
  const startKey = range.getStartKey();
  const endKey = range.getEndKey();
  const parts: { block: ContentBlock; start: number; end: number }[] = [];
  let inside = false;
  for (const block of content.getBlocksAsArray()) {
    const key = block.getKey();
    if (key === startKey) inside = true;
    if (!inside) continue;
    const start = key === startKey ? range.getStartOffset() : 0;
    const end = key === endKey ? range.getEndOffset() : block.getLength();
    parts.push({ block, start, end });
    if (key === endKey) break;
  }
  return parts;
}

/** The text of `range`'s blocks, as slices the converter reads (no styles or links). */
export function textSlices(content: ContentState, range: SelectionState): Slice[] {
  return rangeParts(content, range).map(({ block, start, end }) => ({
    block: { type: block.getType(), text: block.getText() },
    start,
    end,
  }));
}

/** The visible text of `range` in `content`; null if one of its blocks is gone. */
export function rangeText(content: ContentState, range: SelectionState): string | null {
  const start = content.getBlockForKey(range.getStartKey()) as ContentBlock | undefined;
  const end = content.getBlockForKey(range.getEndKey()) as ContentBlock | undefined;
  if (!start || !end) return null;
  if (range.getStartOffset() > start.getLength() || range.getEndOffset() > end.getLength())
    return null;
  return slicesToText(textSlices(content, range));
}
