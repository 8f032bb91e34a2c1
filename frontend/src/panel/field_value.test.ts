import * as DraftJS from 'draft-js';
import { ContentState, EditorState, convertToRaw } from 'draft-js';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import type { Candidate } from '../api';
import { fieldValue, type DraftailEditorLike, type DraftailInput } from './field_value';

const candidate = (text: string, extra: Partial<Candidate> = {}): Candidate => ({
  text,
  length: text.length,
  ...extra,
});

function render(html: string): Element {
  document.body.innerHTML = html;
  return document.body.firstElementChild!;
}

/** Record the events a field fires, in order. */
function recordEvents(element: Element): string[] {
  const events: string[] = [];
  for (const type of ['input', 'change']) {
    element.addEventListener(type, (event) => {
      expect(event.bubbles).toBe(true);
      events.push(type);
    });
  }
  return events;
}

/** Chromium's insertText on a focused, fully selected field: one undoable edit and an input event. */
function stubInsertText(): ReturnType<typeof vi.fn> {
  const execCommand = vi.fn((command: string, _ui?: boolean, text?: string) => {
    const field = document.activeElement as HTMLInputElement;
    if (command !== 'insertText' || field.selectionStart !== 0) return false;
    if (field.selectionEnd !== field.value.length) return false;
    field.value = text ?? '';
    field.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText' }));
    return true;
  });
  Object.defineProperty(document, 'execCommand', { value: execCommand, configurable: true });
  return execCommand;
}

beforeEach(() => {
  document.body.innerHTML = '';
  window.DraftJS = DraftJS;
  Object.defineProperty(document, 'execCommand', { value: () => false, configurable: true });
});

describe('a text input', () => {
  it('is replaced through insertText after selecting its content, then fires change', () => {
    const input = render('<input type="text" value="Old title">') as HTMLInputElement;
    const events = recordEvents(input);
    const execCommand = stubInsertText();

    fieldValue(input)!.replace(candidate('New title'));

    expect(execCommand).toHaveBeenCalledWith('insertText', false, 'New title');
    expect(input.value).toBe('New title');
    expect(document.activeElement).toBe(input);
    expect(events).toEqual(['input', 'change']);
  });

  it('falls back to setting the value, firing input and change, without insertText', () => {
    const input = render('<input type="text" value="Old">') as HTMLInputElement;
    const events = recordEvents(input);

    fieldValue(input)!.replace(candidate('New'));

    expect(input.value).toBe('New');
    expect(events).toEqual(['input', 'change']);
  });

  it('puts a multi-line answer on one line', () => {
    const input = render('<input type="text">') as HTMLInputElement;

    fieldValue(input)!.replace(candidate('Line one\n\n line two'));

    expect(input.value).toBe('Line one line two');
  });

  it('refuses text its maxlength, pattern or type would reject', () => {
    const value = fieldValue(render('<input type="text" maxlength="5" pattern="[a-z ]+">'))!;

    expect(value.accepts('short')).toBe(true);
    expect(value.accepts('too long')).toBe(false);
    expect(value.accepts('CAPS')).toBe(false);
    expect(fieldValue(render('<input type="email">'))!.accepts('not an address')).toBe(false);
  });

  it('gives its text as it is and trimmed for the request', () => {
    const value = fieldValue(render('<input type="text" value=" Monstera ">'))!;

    expect(value.richText).toBe(false);
    expect(value.text()).toBe(' Monstera ');
    expect(value.source()).toBe('Monstera');
  });
});

describe('a textarea', () => {
  it('keeps line breaks', () => {
    const textarea = render('<textarea>Old</textarea>') as HTMLTextAreaElement;

    fieldValue(textarea)!.replace(candidate('First.\n\nSecond.'));

    expect(textarea.value).toBe('First.\n\nSecond.');
  });
});

describe('a Draftail field', () => {
  const rawOf = (...texts: string[]) =>
    convertToRaw(ContentState.createFromText(texts.join('\n'))) as unknown as Record<
      string,
      unknown
    >;

  function draftail(text: string) {
    const input = render('<input type="hidden" name="body" data-draftail-input>') as DraftailInput;
    let state = EditorState.createWithContent(ContentState.createFromText(text));
    const focus = vi.fn();
    const editor: DraftailEditorLike = {
      getEditorState: () => state,
      onChange: (next) => {
        state = next;
      },
      focus,
    };
    input.draftailEditor = editor;
    input.value = JSON.stringify(convertToRaw(state.getCurrentContent()));
    return { input, editor, focus };
  }

  it('reads its text and its HTML from the editor', () => {
    const { input } = draftail('Bright light & water');
    const value = fieldValue(input)!;

    expect(value.richText).toBe(true);
    expect(value.text()).toBe('Bright light & water');
    expect(value.source()).toBe('<p>Bright light &amp; water</p>');
  });

  it('reads the hidden input before the editor is ready, and is empty without text', () => {
    const input = render('<input type="hidden" data-draftail-input>') as HTMLInputElement;
    input.value = JSON.stringify(rawOf('Saved text'));

    expect(fieldValue(input)!.text()).toBe('Saved text');
    input.value = JSON.stringify(rawOf(''));
    expect(fieldValue(input)!.source()).toBe('');
  });

  it('writes the hidden input when its editor is not ready yet', () => {
    const input = render('<input type="hidden" data-draftail-input>') as HTMLInputElement;
    const replacement = rawOf('Drafted.');

    fieldValue(input)!.replace(candidate('Drafted.', { contentstate: replacement }));

    expect(JSON.parse(input.value)).toEqual(replacement);
  });

  it('is replaced as one undo step in the editor, and writes its hidden input at once', () => {
    const { input, editor, focus } = draftail('Old paragraph');
    const events = recordEvents(input);
    const replacement = rawOf('New paragraph', 'Second one');

    fieldValue(input)!.replace(
      candidate('New paragraph\nSecond one', { contentstate: replacement }),
    );

    const state = editor.getEditorState();
    expect(state.getCurrentContent().getPlainText()).toBe('New paragraph\nSecond one');
    expect(EditorState.undo(state).getCurrentContent().getPlainText()).toBe('Old paragraph');
    // What Draftail itself would write a moment later: the editor's content.
    expect(JSON.parse(input.value)).toEqual(convertToRaw(state.getCurrentContent()));
    expect(
      (JSON.parse(input.value) as { blocks: { text: string }[] }).blocks.map((block) => block.text),
    ).toEqual(['New paragraph', 'Second one']);
    expect(focus).toHaveBeenCalled();
    expect(events).toEqual(['input', 'change']);
  });
});

describe('fieldValue', () => {
  it('recognises a StreamField block’s Draftail input, which has no marker', () => {
    const input = render('<div><input type="hidden" value="null"></div>').querySelector('input')!;

    expect(fieldValue(input, 'html')?.richText).toBe(true);
    expect(fieldValue(input, 'html')!.text()).toBe('');
    (input as DraftailInput).draftailEditor = undefined;
    expect(fieldValue(input)?.richText).toBe(true);
  });

  it('gives null for inputs it cannot fill', () => {
    expect(fieldValue(render('<input type="hidden">'))).toBeNull();
    expect(fieldValue(render('<div></div>'))).toBeNull();
  });
});
