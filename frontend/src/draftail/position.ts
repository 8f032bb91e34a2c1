/**
 * Where the menu and preview go: just below the selection (or the block the
 * action works on), in the coordinates of the editor element, which Draftail
 * positions relatively.
 */

import { getVisibleSelectionRect } from 'draft-js';

export interface Position {
  /** Top of the popover when it goes below the selection. */
  top: number;
  /** Top of the selection: the popover's bottom edge when it goes above it. */
  above: number;
  left: number;
}

/** Room the popover wants below the selection before it goes above instead (px). */
export const WANTED_HEIGHT = 320;
/** Wagtail's sticky footer (Save draft) covers the bottom of the viewport (px). */
export const FOOTER_ALLOWANCE = 80;
/** Wagtail's sticky header covers the top of the viewport (px). */
export const HEADER_ALLOWANCE = 60;

/** Space between the selection and the popover, in pixels. */
const GAP = 8;

interface Rect {
  top: number;
  bottom: number;
  left: number;
}

/** The bounding box of the DOM selection, if it lies inside `root`. */
function selectionRect(root: HTMLElement): Rect | null {
  const selection = root.ownerDocument.getSelection();
  if (!selection || selection.rangeCount === 0 || !selection.anchorNode) return null;
  if (!root.contains(selection.anchorNode)) return null;
  let rect: Rect | null;
  try {
    rect = getVisibleSelectionRect(window);
  } catch {
    rect = null; // a browser (or test DOM) without range geometry
  }
  return rect && rect.bottom > 0 ? rect : null;
}

function blockRect(root: HTMLElement, blockKey: string): Rect | null {
  const block = blockElement(root, blockKey);
  return block ? block.getBoundingClientRect() : null;
}

/** The element Draft.js renders for the block `blockKey`. */
export function blockElement(root: HTMLElement, blockKey: string): Element | null {
  const wanted = `${blockKey}-0-0`;
  for (const element of Array.from(root.querySelectorAll('[data-block="true"][data-offset-key]'))) {
    if (element.getAttribute('data-offset-key') === wanted) return element;
  }
  return null;
}

/** The popover's offset in `root` for the selection, else the block `blockKey`. */
export function popoverPosition(root: HTMLElement, blockKey: string): Position {
  const rootRect = root.getBoundingClientRect();
  const rect = selectionRect(root) ?? blockRect(root, blockKey);
  if (!rect) return { top: GAP, above: 0, left: 0 };
  return {
    top: rect.bottom - rootRect.top + GAP,
    above: rect.top - rootRect.top - GAP,
    left: Math.max(0, rect.left - rootRect.left),
  };
}

/**
 * Whether the popover goes above the selection: only when there is too
 * little room below it for `height`, even after scrolling down by
 * `scrollRoom`, and more room above. (Wagtail's editor scrolls, and a popover
 * below the fold is scrolled into view, so this is rare.)
 */
export function placeAbove(
  position: Position,
  rootTop: number,
  height: number,
  viewportHeight: number,
  scrollRoom: number,
): boolean {
  const below = viewportHeight - FOOTER_ALLOWANCE - (rootTop + position.top);
  const above = rootTop + position.above - HEADER_ALLOWANCE;
  return below + scrollRoom < height && above > below;
}

/** How much further down the nearest scrolling ancestor of `element` can scroll (px). */
export function scrollRoom(element: Element): number {
  for (let node = element.parentElement; node; node = node.parentElement) {
    const { overflowY } = getComputedStyle(node);
    if (/(auto|scroll)/.test(overflowY) && node.scrollHeight > node.clientHeight) {
      return node.scrollHeight - node.scrollTop - node.clientHeight;
    }
  }
  const page = element.ownerDocument.scrollingElement;
  return page ? page.scrollHeight - page.scrollTop - page.clientHeight : 0;
}

/** `left`, moved so a box `width` wide stays inside a container `available` wide. */
export function clampLeft(left: number, width: number, available: number): number {
  return Math.max(0, Math.min(left, available - width));
}
