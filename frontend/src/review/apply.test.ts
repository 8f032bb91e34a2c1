import * as DraftJS from 'draft-js';
import { EditorState, convertToRaw } from 'draft-js';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { MONSTERA_URL, block, editorStateFrom, monsteraRaw, runs } from '../draftail/testing';
import type { DraftailInput } from '../panel/field_value';
import { applyImprovement } from './apply';
import type { ReviewImprovement } from './types';

const improvement = (extra: Partial<ReviewImprovement>): ReviewImprovement => ({
  original: '',
  suggested: '',
  why: 'Clearer.',
  field: 'body',
  label: 'Body',
  format: 'text',
  contentstate: null,
  ...extra,
});

/** A Draftail input whose editor keeps its state like Draft.js does. */
function richField(state: EditorState) {
  const input = document.createElement('input') as DraftailInput;
  input.type = 'hidden';
  const editor = {
    state,
    getEditorState: () => editor.state,
    onChange: vi.fn((next: EditorState) => {
      editor.state = next;
    }),
    focus: vi.fn(),
  };
  input.draftailEditor = editor;
  return { field: { kind: 'rich' as const, input }, editor };
}

beforeEach(() => {
  document.body.innerHTML = '';
  window.DraftJS = DraftJS;
  Object.defineProperty(document, 'execCommand', { value: () => false, configurable: true });
});

describe('applying to rich text', () => {
  it('replaces exactly the original with the server’s content, keeping the rest, as one undo step', () => {
    const { field, editor } = richField(editorStateFrom(monsteraRaw()));
    const suggested = 'a forgiving houseplant that loves bright light.';
    const contentstate = {
      blocks: [
        block('x', suggested, { inlineStyleRanges: [{ offset: 2, length: 20, style: 'BOLD' }] }),
      ],
      entityMap: {},
    };

    const outcome = applyImprovement(
      field,
      improvement({
        format: 'html',
        original: 'a forgiving houseplant that rewards bright light.',
        suggested,
        contentstate,
      }),
    );

    expect(outcome).toBe('applied');
    expect(runs(editor.state, 'first')).toEqual([
      { text: 'Monstera deliciosa is a ', styles: [], url: null },
      { text: 'forgiving houseplant', styles: ['BOLD'], url: null },
      { text: ' that loves bright light. See the ', styles: [], url: null },
      { text: 'Monstera article', styles: [], url: MONSTERA_URL },
      { text: ' for its habitat.', styles: [], url: null },
    ]);
    expect(editor.focus).toHaveBeenCalledOnce();
    const undone = EditorState.undo(editor.state);
    expect(convertToRaw(undone.getCurrentContent()).blocks.map((b) => b.text)).toEqual(
      monsteraRaw().blocks.map((b) => b.text),
    );
  });

  it('uses the suggestion as plain text when the server sent no content state', () => {
    const { field, editor } = richField(editorStateFrom(monsteraRaw()));

    applyImprovement(
      field,
      improvement({ format: 'html', original: 'monthly', suggested: 'every\nmonth' }),
    );

    expect(editor.state.getCurrentContent().getBlockForKey('second').getText()).toBe(
      'Wipe the leaves every month.',
    );
  });

  it('changes nothing when the original text is gone', () => {
    const { field, editor } = richField(editorStateFrom(monsteraRaw()));

    const outcome = applyImprovement(
      field,
      improvement({ format: 'html', original: 'Wipe the leaves weekly.', suggested: 'x' }),
    );

    expect(outcome).toBe('not_found');
    expect(editor.onChange).not.toHaveBeenCalled();
  });
});

describe('applying to a plain field', () => {
  it('replaces only the original in the value and fires input and change', () => {
    document.body.innerHTML = '<textarea>Light and water. Support for the plant.</textarea>';
    const input = document.querySelector('textarea')!;
    const events: string[] = [];
    for (const type of ['input', 'change']) input.addEventListener(type, () => events.push(type));

    const outcome = applyImprovement(
      { kind: 'text', input },
      improvement({ original: 'Support for the plant.', suggested: 'A moss pole to climb.' }),
    );

    expect(outcome).toBe('applied');
    expect(input.value).toBe('Light and water. A moss pole to climb.');
    expect(events).toEqual(['input', 'change']);
    expect(document.activeElement).toBe(input);
  });

  it('goes through insertText where the browser has it, so Ctrl+Z undoes it', () => {
    document.body.innerHTML = '<input type="text" value="Caring for Monstera">';
    const input = document.querySelector('input')!;
    const execCommand = vi.fn((_command: string, _ui: boolean, text: string) => {
      const { selectionStart, selectionEnd, value } = input;
      input.value = value.slice(0, selectionStart!) + text + value.slice(selectionEnd!);
      return true;
    });
    Object.defineProperty(document, 'execCommand', { value: execCommand, configurable: true });

    applyImprovement(
      { kind: 'text', input },
      improvement({ original: 'Monstera', suggested: 'a Monstera\ndeliciosa' }),
    );

    // A single-line input gets no line break.
    expect(execCommand).toHaveBeenCalledWith('insertText', false, 'a Monstera deliciosa');
    expect(input.value).toBe('Caring for a Monstera deliciosa');
  });

  it('changes nothing when the original text is gone', () => {
    document.body.innerHTML = '<input type="text" value="Caring for a fern">';
    const input = document.querySelector('input')!;
    const onInput = vi.fn();
    input.addEventListener('input', onInput);

    const outcome = applyImprovement(
      { kind: 'text', input },
      improvement({ original: 'Monstera', suggested: 'x' }),
    );

    expect(outcome).toBe('not_found');
    expect(input.value).toBe('Caring for a fern');
    expect(onInput).not.toHaveBeenCalled();
  });
});
