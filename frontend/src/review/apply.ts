/**
 * "Apply": an improvement's suggested text in place of exactly its original
 * text, in the field the review found it in, as one undo step.
 *
 * Rich text goes through the toolbar's path (`applyAnswer` in
 * `editor/apply.ts`: one `insert-fragment`, so one Ctrl/Cmd+Z brings the
 * original back) with the suggestion as the server converted it (the
 * original's links and bold kept). Plain fields change through their value
 * (`replaceTextRange`: the browser's undo stack, an `input` event). When the
 * original text is no longer there, nothing changes and the caller says so.
 */

import { applyAnswer, textToRaw, type Place } from '../editor/apply';
import { rangeText } from '../editor/range';
import { replaceTextRange } from '../panel/field_value';
import type { ReviewField } from './fields';
import { findInContent, findText } from './find';
import type { ReviewImprovement } from './types';

export type ApplyOutcome = 'applied' | 'not_found';

export function applyImprovement(field: ReviewField, improvement: ReviewImprovement): ApplyOutcome {
  if (field.kind === 'text') {
    const { input } = field;
    const found = findText(input.value, improvement.original);
    if (!found) return 'not_found';
    const text =
      input instanceof HTMLInputElement
        ? improvement.suggested.replace(/\s*\n\s*/g, ' ')
        : improvement.suggested;
    replaceTextRange(input, found[0], found[1], text);
    return 'applied';
  }
  const editor = field.input.draftailEditor;
  if (!editor) return 'not_found';
  const state = editor.getEditorState();
  const content = state.getCurrentContent();
  const range = findInContent(content, improvement.original);
  if (!range) return 'not_found';
  const place: Place = {
    range,
    afterKey: range.getEndKey(),
    text: rangeText(content, range) ?? '',
  };
  // Without a content state from the server: the suggestion as one plain paragraph.
  const raw =
    improvement.contentstate ?? textToRaw(improvement.suggested.replace(/\s+/g, ' ').trim());
  editor.onChange(applyAnswer(state, place, raw, 'replace'));
  editor.focus();
  return 'applied';
}
