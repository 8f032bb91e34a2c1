/**
 * Reading and replacing the value of the field the AI assists: a text input,
 * a textarea, or a Draftail rich text editor (through its hidden input).
 *
 * A replacement is one undo step in the field (Ctrl/Cmd+Z), and fires the
 * events Wagtail listens to (`input`, `change`): the unsaved-changes warning,
 * character counters and live preview all update.
 */

import type { EditorState, RawDraftContentState } from 'draft-js';

import type { Candidate } from '../api';
import { asRawContentState, rawToHtml, rawToText, type RawContentState } from '../editor/html';
import { replaceContent, textToRaw } from '../editor/apply';
import { draftJS } from '../editor/draft';
import { fieldKind } from './field_kind';

/** The editor instance Wagtail binds to Draftail's hidden input (`input.draftailEditor`). */
export interface DraftailEditorLike {
  getEditorState(): EditorState;
  onChange(state: EditorState): void;
  focus(): void;
}

export type DraftailInput = HTMLInputElement & { draftailEditor?: DraftailEditorLike };

export interface FieldValue {
  /** True for Draftail: requests use HTML and candidates carry a content state. */
  readonly richText: boolean;
  /** The current value as plain text. */
  text(): string;
  /** The current value as the API takes it: plain text, or Wagtail's HTML for rich text. */
  source(): string;
  /** Whether the field would accept `text` (its pattern, type…), besides the length. */
  accepts(text: string): boolean;
  /** Replace the whole value with a candidate; one Ctrl/Cmd+Z undoes it. */
  replace(candidate: Candidate): void;
}

/** The value of `input`, or `null` for an element we cannot fill (`./field_kind.ts`). */
export function fieldValue(input: Element, format: 'text' | 'html' = 'text'): FieldValue | null {
  const kind = fieldKind(input, format);
  if (kind === 'rich') return new DraftailValue(input as DraftailInput);
  if (kind === 'text') return new TextValue(input as HTMLInputElement | HTMLTextAreaElement);
  return null;
}

/** `document.execCommand('insertText')`, where the browser has it. */
function insertText(doc: Document, text: string): boolean {
  if (!('execCommand' in doc)) return false;
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- no other API keeps the undo stack
  return doc.execCommand('insertText', false, text);
}

function changed(element: HTMLElement, events: string[]): void {
  for (const type of events) element.dispatchEvent(new Event(type, { bubbles: true }));
}

/**
 * Replace `[start, end)` of a text input's or textarea's value with `text`,
 * focusing it. One entry on the field's undo stack (Ctrl/Cmd+Z) where the
 * browser can, and always the `input` and `change` events Wagtail listens to.
 */
export function replaceTextRange(
  field: HTMLInputElement | HTMLTextAreaElement,
  start: number,
  end: number,
  text: string,
): void {
  const expected = field.value.slice(0, start) + text + field.value.slice(end);
  field.focus();
  field.setSelectionRange(start, end);
  // insertText goes through the browser's editing pipeline, so the change is
  // one entry on the field's undo stack and fires a native `input` event.
  const inserted = insertText(field.ownerDocument, text) && field.value === expected;
  if (inserted) {
    changed(field, ['change']);
  } else {
    field.value = expected;
    changed(field, ['input', 'change']);
  }
}

class TextValue implements FieldValue {
  readonly richText = false;

  constructor(private readonly field: HTMLInputElement | HTMLTextAreaElement) {}

  text(): string {
    return this.field.value;
  }

  source(): string {
    return this.field.value.trim();
  }

  accepts(text: string): boolean {
    const { field } = this;
    const value = this.normalise(text);
    // maxlength counts UTF-16 code units, and is not checked for values set by script.
    if (field.maxLength > 0 && value.length > field.maxLength) return false;
    const probe = field.cloneNode() as HTMLInputElement | HTMLTextAreaElement;
    probe.value = value;
    return !probe.validity.patternMismatch && !probe.validity.typeMismatch;
  }

  replace(candidate: Candidate): void {
    const { field } = this;
    replaceTextRange(field, 0, field.value.length, this.normalise(candidate.text));
  }

  /** A single-line input cannot hold line breaks. */
  private normalise(text: string): string {
    return this.field instanceof HTMLInputElement ? text.replace(/\s*\n\s*/g, ' ') : text;
  }
}

class DraftailValue implements FieldValue {
  readonly richText = true;

  constructor(private readonly input: DraftailInput) {}

  private raw(): RawContentState | null {
    const editor = this.input.draftailEditor;
    const draft = draftJS();
    if (editor && draft) {
      return asRawContentState(draft.convertToRaw(editor.getEditorState().getCurrentContent()));
    }
    try {
      return asRawContentState(JSON.parse(this.input.value || 'null'));
    } catch {
      return null;
    }
  }

  text(): string {
    const raw = this.raw();
    return raw ? rawToText(raw).trim() : '';
  }

  source(): string {
    const raw = this.raw();
    return raw && rawToText(raw).trim() ? rawToHtml(raw) : '';
  }

  accepts(): boolean {
    return true;
  }

  replace(candidate: Candidate): void {
    const { input } = this;
    const editor = input.draftailEditor;
    const draft = draftJS();
    let raw: RawContentState =
      asRawContentState(candidate.contentstate) ?? textToRaw(candidate.text);
    if (editor && draft) {
      // The one way answers go into rich text (editor/apply.ts): one Ctrl/Cmd+Z undoes it.
      const next = replaceContent(editor.getEditorState(), raw as RawDraftContentState);
      editor.onChange(next);
      editor.focus();
      raw = asRawContentState(draft.convertToRaw(next.getCurrentContent())) ?? raw;
    }
    // Draftail writes the hidden input a moment later; write it now so an
    // immediate save sends the new value.
    input.value = JSON.stringify(raw);
    changed(input, ['input', 'change']);
  }
}
