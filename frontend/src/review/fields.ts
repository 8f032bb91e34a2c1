/**
 * The field an improvement names, found in the edit form, and brought into view.
 *
 * Improvements name a field by its input's name in the edit form (`title`,
 * `body`, `sections-2-value`, `sections-3-value-text`), as the server read it
 * from the posted form (`wagtail_ai_blocks/feedback/content.py`).
 */

import type { DraftailInput } from '../panel/field_value';
import { byAttribute, isDraftailInput } from '../editor/dom';

export type ReviewField =
  | { kind: 'text'; input: HTMLInputElement | HTMLTextAreaElement }
  | { kind: 'rich'; input: DraftailInput };

/** The field named `name` in `form`, or null when it is gone (a deleted block). */
export function findField(form: HTMLFormElement, name: string): ReviewField | null {
  const input = form.querySelector(byAttribute('name', name));
  if (!input) return null;
  if (isDraftailInput(input)) return { kind: 'rich', input };
  if (input instanceof HTMLTextAreaElement) return { kind: 'text', input };
  if (input instanceof HTMLInputElement && input.type !== 'hidden') {
    return { kind: 'text', input };
  }
  return null;
}

/** What an editor sees of the field: its input box, or Draftail's editor. */
export function fieldBox(field: ReviewField): HTMLElement {
  const { input } = field;
  if (field.kind === 'rich') {
    const editor = input.parentElement?.querySelector<HTMLElement>('.Draftail-Editor');
    if (editor) return editor;
  }
  return input.closest<HTMLElement>('.w-field__input') ?? input.parentElement ?? input;
}

/** The root element of a Draftail editor (what `markTarget` takes), if it is rendered. */
export function editorRoot(field: ReviewField): HTMLElement | null {
  return field.input.parentElement?.querySelector<HTMLElement>('.Draftail-Editor') ?? null;
}

/**
 * Open whatever hides `element`: the tab it is on, and collapsed panels or
 * StreamField blocks around it. Each is found through the control that
 * names it (`aria-controls`, or a tab's `href`), and opened by clicking that control, so
 * Wagtail's own tab and panel code does the work (and remembers it).
 */
export function reveal(element: Element): void {
  const doc = element.ownerDocument;
  const hidden: HTMLElement[] = [];
  for (let node = element.parentElement; node; node = node.parentElement) {
    if (node.hidden && node.id) hidden.push(node);
  }
  // Outermost first: a tab before the panel inside it.
  for (const node of hidden.reverse()) {
    const control = doc.querySelector<HTMLElement>(
      [
        `[role="tab"]${byAttribute('aria-controls', node.id)}`,
        `[role="tab"]${byAttribute('href', `#${node.id}`)}`,
        `[aria-expanded="false"]${byAttribute('aria-controls', node.id)}`,
      ].join(','),
    );
    control?.click();
  }
}
