/** The DOM event the toolbar button sends to its editor's host to open the AI menu. */
export const OPEN_EVENT = 'wab-draftail:open';

export const EDITOR_SELECTOR = '[data-draftail-editor]';

/** Ask the host of the editor around `element` to open its menu. */
export function requestOpen(element: Element | null): void {
  element?.closest(EDITOR_SELECTOR)?.dispatchEvent(new CustomEvent(OPEN_EVENT));
}
