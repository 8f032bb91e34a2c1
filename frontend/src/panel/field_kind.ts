/**
 * What kind of field a panel assists, and whether it has text: all the panel
 * needs when the page loads. Reading and writing the value (`./field_value.ts`)
 * loads with the rest of the panel's work, on first use.
 */

import { isDraftailInput } from '../editor/dom';

export type FieldKind = 'text' | 'rich';

/**
 * `rich` for a Draftail editor's hidden input (one that looks like it, or any
 * hidden input when `format` says the field holds rich text: its editor may not
 * be ready yet), `text` for a text input or textarea, null for anything else.
 */
export function fieldKind(input: Element, format: 'text' | 'html' = 'text'): FieldKind | null {
  if (isDraftailInput(input)) return 'rich';
  if (input instanceof HTMLInputElement && input.type === 'hidden') {
    return format === 'html' ? 'rich' : null;
  }
  if (input instanceof HTMLTextAreaElement || input instanceof HTMLInputElement) return 'text';
  return null;
}

/** The editor Wagtail binds to a Draftail hidden input, as far as reading its text goes. */
interface LiveEditor {
  getEditorState(): { getCurrentContent(): { getPlainText(): string } };
}

/**
 * Whether the field has text: a Draftail editor's live content, or (before the
 * editor is bound) the raw content state its hidden input holds as JSON.
 */
export function hasText(input: Element, kind: FieldKind): boolean {
  const value = (input as HTMLInputElement).value;
  if (kind === 'text') return value.trim() !== '';
  const editor = (input as { draftailEditor?: LiveEditor }).draftailEditor;
  if (editor) return editor.getEditorState().getCurrentContent().getPlainText().trim() !== '';
  try {
    const raw = JSON.parse(value || 'null') as { blocks?: { text?: unknown }[] } | null;
    return (raw?.blocks ?? []).some(
      (block) => typeof block.text === 'string' && block.text.trim() !== '',
    );
  } catch {
    return false;
  }
}
