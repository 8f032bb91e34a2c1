/**
 * What an action works on: the selected text, else the block with the cursor,
 * and for "continue writing" the text up to the cursor.
 *
 * A `Target` remembers the exact range it covers and its text, so the answer
 * can be applied later (after streaming) only if that text is still there.
 */

import { SelectionState, convertToRaw } from 'draft-js';
import type { ContentBlock, ContentState, EditorState } from 'draft-js';

import { slicesToHtml, slicesToText, type Features, type RawBlock } from '../editor/html';
import type { Place } from '../editor/apply';
import { rangeParts, textSlices } from '../editor/range';

export type TargetScope = 'selection' | 'block' | 'before-cursor';

export interface Target extends Place {
  scope: TargetScope;
  /** The range sent, start to end (never backward). Replace swaps exactly this range. */
  range: SelectionState;
  /** The block the answer goes after, for "Insert below". */
  afterKey: string;
  /** The text sent: Wagtail database HTML within the field's features. */
  html: string;
  /** Its visible text, one line per block, for the diff and to detect later edits. */
  text: string;
}

/** How much text before the cursor "continue writing" sends, at most (whole blocks). */
export const CONTINUE_CONTEXT_CHARS = 4000;

/** Wagtail database HTML for `range`, within the field's features. */
function rangeHtml(content: ContentState, range: SelectionState, features: Features): string {
  const raw = convertToRaw(content);
  const byKey = new Map<string, RawBlock>(raw.blocks.map((block) => [block.key, block]));
  const slices = rangeParts(content, range).flatMap(({ block, start, end }) => {
    const rawBlock = byKey.get(block.getKey());
    return rawBlock ? [{ block: rawBlock, start, end }] : [];
  });
  return slicesToHtml(slices, raw.entityMap, features);
}

/** A forward, unfocused selection from (anchorKey, anchorOffset) to (focusKey, focusOffset). */
export function forwardRange(
  anchorKey: string,
  anchorOffset: number,
  focusKey: string,
  focusOffset: number,
): SelectionState {
  return SelectionState.createEmpty(anchorKey).merge({
    anchorKey,
    anchorOffset,
    focusKey,
    focusOffset,
    isBackward: false,
    hasFocus: false,
  });
}

/**
 * The selection, start to end, without a block boundary at either edge: a
 * triple click or a drag to the start of the next paragraph ends at offset 0
 * of the following block, and replacing that would merge the two paragraphs.
 */
export function trimmedRange(content: ContentState, selection: SelectionState): SelectionState {
  let startKey = selection.getStartKey();
  let startOffset = selection.getStartOffset();
  let endKey = selection.getEndKey();
  let endOffset = selection.getEndOffset();
  if (endKey !== startKey && endOffset === 0) {
    const before = content.getBlockBefore(endKey);
    if (before) {
      endKey = before.getKey();
      endOffset = before.getLength();
    }
  }
  if (startKey !== endKey && startOffset === content.getBlockForKey(startKey).getLength()) {
    const after = content.getBlockAfter(startKey);
    if (after) {
      startKey = after.getKey();
      startOffset = 0;
    }
  }
  return forwardRange(startKey, startOffset, endKey, endOffset);
}

function target(
  content: ContentState,
  scope: TargetScope,
  range: SelectionState,
  features: Features,
): Target | null {
  const text = slicesToText(textSlices(content, range));
  if (text.trim() === '') return null;
  return {
    scope,
    range,
    afterKey: range.getEndKey(),
    html: rangeHtml(content, range, features),
    text,
  };
}

/**
 * The target of an action in this editor state, or null when there is no
 * text to work on (an empty block, an image, a selection of spaces).
 *
 * `continueWriting`: the text before the cursor (or the end of the
 * selection), back to at most `CONTINUE_CONTEXT_CHARS` in whole blocks.
 */
export function extractTarget(
  editorState: EditorState,
  {
    continueWriting = false,
    features = null,
  }: { continueWriting?: boolean; features?: Features } = {},
): Target | null {
  const content = editorState.getCurrentContent();
  const selection = editorState.getSelection();

  if (continueWriting) {
    const endKey = selection.getEndKey();
    const endOffset = selection.getEndOffset();
    let startKey = endKey;
    let total = endOffset;
    for (let key = content.getKeyBefore(endKey); key; key = content.getKeyBefore(key)) {
      const length = content.getBlockForKey(key).getLength();
      if (total + length > CONTINUE_CONTEXT_CHARS) break;
      total += length;
      startKey = key;
    }
    return target(content, 'before-cursor', forwardRange(startKey, 0, endKey, endOffset), features);
  }

  if (!selection.isCollapsed()) {
    return target(content, 'selection', trimmedRange(content, selection), features);
  }

  const block = content.getBlockForKey(selection.getStartKey()) as ContentBlock | undefined;
  if (!block || block.getType() === 'atomic') return null;
  const key = block.getKey();
  return target(content, 'block', forwardRange(key, 0, key, block.getLength()), features);
}
