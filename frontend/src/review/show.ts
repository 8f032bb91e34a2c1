/**
 * "Show": the field holding an improvement's original text opened (tab,
 * collapsed panel or block), scrolled to the middle of the screen and
 * outlined, with the text itself marked. Keyboard focus stays in the panel,
 * so an editor can go through the improvements one by one.
 */

import { markTarget } from '../draftail/highlight';
import { blockElement } from '../draftail/position';
import { editorRoot, fieldBox, reveal, type ReviewField } from './fields';
import { findInContent, findText } from './find';

export const HIGHLIGHT_CLASS = 'wab-review-highlight';

/** Removes the current outline and mark, if any. */
let clearShown: () => void = () => undefined;

export function clearHighlight(): void {
  clearShown();
  clearShown = () => undefined;
}

function scrollTo(element: Element): void {
  const reduced =
    'matchMedia' in window && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  element.scrollIntoView({ block: 'center', behavior: reduced ? 'auto' : 'smooth' });
}

/** Shows `original` in `field`; false when the text is no longer there (the field is shown). */
export function showText(field: ReviewField, original: string): boolean {
  clearHighlight();
  const box = fieldBox(field);
  reveal(box);
  box.classList.add(HIGHLIGHT_CLASS);
  let unmark: () => void = () => undefined;
  let found: boolean;
  let scrolled = false;

  if (field.kind === 'rich') {
    const root = editorRoot(field);
    const content = field.input.draftailEditor?.getEditorState().getCurrentContent();
    const range = content ? findInContent(content, original) : null;
    found = range !== null;
    if (root && range) {
      unmark = markTarget(clearHighlight, root, range);
      const block = blockElement(root, range.getStartKey());
      if (block) {
        scrollTo(block);
        scrolled = true;
      }
    }
  } else {
    const range = findText(field.input.value, original);
    found = range !== null;
    // Shown when the editor goes to the field; focus stays in the panel for now.
    if (range) field.input.setSelectionRange(range[0], range[1]);
  }
  if (!scrolled) scrollTo(box);

  // The outline goes as soon as the editor works in the field.
  const done = () => {
    clearHighlight();
  };
  box.addEventListener('pointerdown', done, { once: true });
  box.addEventListener('keydown', done, { once: true });
  clearShown = () => {
    box.classList.remove(HIGHLIGHT_CLASS);
    box.removeEventListener('pointerdown', done);
    box.removeEventListener('keydown', done);
    unmark();
  };
  return found;
}
