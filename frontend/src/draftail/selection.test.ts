import { describe, expect, it } from 'vitest';

import { rangeText } from '../editor/range';
import { CONTINUE_CONTEXT_CHARS, extractTarget } from './selection';
import {
  MONSTERA_TEXT,
  MONSTERA_URL,
  block,
  editorStateFrom,
  monsteraRaw,
  select,
} from './testing';

const FEATURES = new Set(['h2', 'h3', 'bold', 'italic', 'link', 'document-link', 'ol', 'ul', 'ai']);

describe('extractTarget', () => {
  it('sends the selected part of a paragraph as HTML, keeping bold and links', () => {
    const start = MONSTERA_TEXT.indexOf('forgiving');
    const state = select(
      editorStateFrom(monsteraRaw()),
      'first',
      start,
      'first',
      MONSTERA_TEXT.length,
    );

    const target = extractTarget(state, { features: FEATURES });

    expect(target?.scope).toBe('selection');
    expect(target?.html).toBe(
      '<p><b>forgiving houseplant</b> that rewards bright light. See the ' +
        `<a href="${MONSTERA_URL}">Monstera article</a> for its habitat.</p>`,
    );
    expect(target?.text).toBe(MONSTERA_TEXT.slice(start));
    expect(target?.range.getStartOffset()).toBe(start);
    expect(target?.afterKey).toBe('first');
  });

  it('normalises a backward selection to start → end', () => {
    const state = select(editorStateFrom(monsteraRaw()), 'second', 4, 'first', 8, true);

    const target = extractTarget(state);

    expect(target?.range.getStartKey()).toBe('first');
    expect(target?.range.getStartOffset()).toBe(8);
    expect(target?.range.getEndKey()).toBe('second');
    expect(target?.range.getIsBackward()).toBe(false);
    expect(target?.text).toBe(`${MONSTERA_TEXT.slice(8)}\nWipe`);
    expect(target?.html).toMatch(/^<p> deliciosa .*<\/p><p>Wipe<\/p>$/);
  });

  it('does not reach into the next paragraph when the selection ends at its start', () => {
    // What a triple click on the first paragraph selects.
    const state = select(editorStateFrom(monsteraRaw()), 'first', 0, 'second', 0);

    const target = extractTarget(state);

    expect(target?.range.getEndKey()).toBe('first');
    expect(target?.range.getEndOffset()).toBe(MONSTERA_TEXT.length);
    expect(target?.text).toBe(MONSTERA_TEXT);
    expect(target?.afterKey).toBe('first');
  });

  it('does not start in the previous paragraph when the selection starts at its end', () => {
    const state = select(
      editorStateFrom(monsteraRaw()),
      'first',
      MONSTERA_TEXT.length,
      'second',
      4,
    );

    expect(extractTarget(state)?.text).toBe('Wipe');
  });

  it('takes the whole current block when nothing is selected', () => {
    const state = select(editorStateFrom(monsteraRaw()), 'second', 3);

    const target = extractTarget(state);

    expect(target?.scope).toBe('block');
    expect(target?.html).toBe('<p>Wipe the leaves monthly.</p>');
    expect(target?.range.getStartOffset()).toBe(0);
    expect(target?.range.getEndOffset()).toBe('Wipe the leaves monthly.'.length);
  });

  it('has nothing to work on in an empty block or a selection of spaces', () => {
    const raw = { blocks: [block('empty', ''), block('spaces', 'a    b')], entityMap: {} };

    expect(extractTarget(select(editorStateFrom(raw), 'empty', 0))).toBeNull();
    expect(extractTarget(select(editorStateFrom(raw), 'spaces', 1, 'spaces', 5))).toBeNull();
  });

  it('sends the text up to the cursor for continue writing, and inserts after its block', () => {
    const state = select(editorStateFrom(monsteraRaw()), 'second', 8);

    const target = extractTarget(state, { continueWriting: true });

    expect(target?.scope).toBe('before-cursor');
    expect(target?.text).toBe(`${MONSTERA_TEXT}\nWipe the`);
    expect(target?.afterKey).toBe('second');
  });

  it('bounds continue writing to whole blocks within the context limit', () => {
    const long = 'x'.repeat(CONTINUE_CONTEXT_CHARS);
    const raw = { blocks: [block('old', long), block('recent', 'Recent text.')], entityMap: {} };

    const target = extractTarget(select(editorStateFrom(raw), 'recent', 12), {
      continueWriting: true,
    });

    expect(target?.text).toBe('Recent text.');
  });

  it('writes headings, lists, nested lists and line breaks in Wagtail’s format', () => {
    const raw = {
      blocks: [
        block('h', 'Light', { type: 'header-two' }),
        block('l1', 'Bright', { type: 'unordered-list-item' }),
        block('l2', 'Not direct', { type: 'unordered-list-item', depth: 1 }),
        block('l3', 'Rotate', { type: 'unordered-list-item' }),
        block('o1', 'Water', { type: 'ordered-list-item' }),
        block('p', 'Line one\nline two'),
      ],
      entityMap: {},
    };
    const state = select(editorStateFrom(raw), 'h', 0, 'p', 17);

    expect(extractTarget(state, { features: FEATURES })?.html).toBe(
      '<h2>Light</h2>' +
        '<ul><li>Bright<ul><li>Not direct</li></ul></li><li>Rotate</li></ul>' +
        '<ol><li>Water</li></ol>' +
        '<p>Line one<br/>line two</p>',
    );
  });
});

describe('rangeText', () => {
  it('is null once a block of the range is gone', () => {
    const state = select(editorStateFrom(monsteraRaw()), 'first', 0, 'second', 4);
    const target = extractTarget(state);
    const other = editorStateFrom({ blocks: [block('first', MONSTERA_TEXT)], entityMap: {} });

    expect(rangeText(other.getCurrentContent(), target!.range)).toBeNull();
  });
});
