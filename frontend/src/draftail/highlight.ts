/**
 * Keeps the text an action works on visibly marked while the menu or the
 * preview has the keyboard (the browser's own selection disappears when the
 * editor loses focus).
 *
 * Uses the CSS Custom Highlight API (`::highlight(wab-draftail-target)` in
 * draftail.css), which leaves Draft.js's DOM untouched; browsers without it
 * simply show no mark.
 */

import type { SelectionState } from 'draft-js';

import { blockElement } from './position';

export const HIGHLIGHT_NAME = 'wab-draftail-target';

/** One range per editor that currently shows a mark. */
const marked = new Map<object, Range>();

function supported(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';
}

/** The DOM position of `offset` in the text of the Draft block `blockKey`. */
function domPosition(root: HTMLElement, blockKey: string, offset: number): [Node, number] | null {
  const block = blockElement(root, blockKey);
  if (!block) return null;
  const texts = Array.from(block.querySelectorAll('[data-text="true"]'));
  let seen = 0;
  let last: [Node, number] | null = null;
  for (const element of texts) {
    const node = element.firstChild;
    if (!node || node.nodeType !== Node.TEXT_NODE) continue;
    const length = node.textContent?.length ?? 0;
    if (offset <= seen + length) return [node, offset - seen];
    seen += length;
    last = [node, length];
  }
  return last ?? [block, 0];
}

/** A DOM Range over the editor text that `selection` covers, or null if it is not rendered. */
export function domRange(root: HTMLElement, selection: SelectionState): Range | null {
  const start = domPosition(root, selection.getStartKey(), selection.getStartOffset());
  const end = domPosition(root, selection.getEndKey(), selection.getEndOffset());
  if (!start || !end) return null;
  const range = root.ownerDocument.createRange();
  range.setStart(...start);
  range.setEnd(...end);
  return range;
}

function render(): void {
  if (marked.size === 0) CSS.highlights.delete(HIGHLIGHT_NAME);
  else CSS.highlights.set(HIGHLIGHT_NAME, new Highlight(...marked.values()));
}

/** Mark `selection` in this editor (replacing its earlier mark); returns the function that removes it. */
export function markTarget(
  owner: object,
  root: HTMLElement,
  selection: SelectionState,
): () => void {
  if (!supported() || selection.isCollapsed()) return () => undefined;
  const range = domRange(root, selection);
  if (!range) return () => undefined;
  marked.set(owner, range);
  render();
  return () => {
    if (marked.get(owner) === range) {
      marked.delete(owner);
      render();
    }
  };
}
