import * as DraftJS from 'draft-js';
import { EditorState, convertToRaw } from 'draft-js';
import type { RawDraftContentState } from 'draft-js';
import { beforeEach, describe, expect, it } from 'vitest';

import { extractTarget } from '../draftail/selection';
import { applyAnswer, answerFragment, replaceContent, TargetChangedError } from './apply';
import {
  MONSTERA_TEXT,
  MONSTERA_URL,
  block,
  editorStateFrom,
  monsteraRaw,
  runs,
  select,
} from '../draftail/testing';

beforeEach(() => {
  window.DraftJS = DraftJS;
});

const START = MONSTERA_TEXT.indexOf('forgiving');

/** What the server answers for "Make shorter" on the selection: markup kept. */
function shorterAnswer(): RawDraftContentState {
  const text = 'forgiving houseplant for bright light. See the Monstera article.';
  return {
    blocks: [
      block('x1', text, {
        inlineStyleRanges: [{ offset: 0, length: 20, style: 'BOLD' }],
        entityRanges: [{ offset: text.indexOf('Monstera article'), length: 16, key: 0 }],
      }),
    ],
    entityMap: { 0: { type: 'LINK', mutability: 'MUTABLE', data: { url: MONSTERA_URL } } },
  };
}

function selectedMonstera(): EditorState {
  return select(editorStateFrom(monsteraRaw()), 'first', START, 'first', MONSTERA_TEXT.length);
}

describe('applyAnswer', () => {
  it('replaces the selection, keeping bold and the link from the answer', () => {
    const state = selectedMonstera();
    const target = extractTarget(state)!;

    const next = applyAnswer(state, target, shorterAnswer(), 'replace');

    const blocks = next.getCurrentContent().getBlocksAsArray();
    expect(blocks.map((b) => b.getText())).toEqual([
      'Monstera deliciosa is a forgiving houseplant for bright light. See the Monstera article.',
      'Wipe the leaves monthly.',
    ]);
    expect(runs(next, 'first')).toEqual([
      { text: 'Monstera deliciosa is a ', styles: [], url: null },
      { text: 'forgiving houseplant', styles: ['BOLD'], url: null },
      { text: ' for bright light. See the ', styles: [], url: null },
      { text: 'Monstera article', styles: [], url: MONSTERA_URL },
      { text: '.', styles: [], url: null },
    ]);
  });

  it('is one undo step: undo brings the original back exactly', () => {
    const state = selectedMonstera();
    const target = extractTarget(state)!;

    const next = applyAnswer(state, target, shorterAnswer(), 'replace');
    const undone = EditorState.undo(next);

    expect(convertToRaw(undone.getCurrentContent())).toEqual(
      convertToRaw(state.getCurrentContent()),
    );
    expect(undone.getSelection().getStartOffset()).toBe(START);
    expect(EditorState.redo(undone).getCurrentContent()).toBe(next.getCurrentContent());
  });

  it('creates the answer’s entities in the editor’s content state', () => {
    const state = selectedMonstera();
    const answer = shorterAnswer();
    answer.entityMap = {
      0: { type: 'LINK', mutability: 'MUTABLE', data: { url: '/new/', id: 9 } },
    };

    const next = applyAnswer(state, extractTarget(state)!, answer, 'replace');

    const content = next.getCurrentContent();
    const first = content.getBlockForKey('first');
    const key = first.getEntityAt(first.getText().indexOf('Monstera article'));
    expect(content.getEntity(key).getType()).toBe('LINK');
    expect(content.getEntity(key).getData()).toEqual({ url: '/new/', id: 9 });
  });

  it('gives the answer’s blocks new keys, never the ones in the answer', () => {
    const { blocks } = answerFragment(
      editorStateFrom(monsteraRaw()).getCurrentContent(),
      shorterAnswer(),
    );

    expect(blocks[0]?.getKey()).not.toBe('x1');
  });

  it('inserts a multi-block answer below, as whole blocks, in one undo step', () => {
    const state = select(editorStateFrom(monsteraRaw()), 'first', 10);
    const target = extractTarget(state, { continueWriting: true })!;
    const answer: RawDraftContentState = {
      blocks: [block('n1', 'Repot in spring.'), block('n2', 'Feed it', { type: 'header-two' })],
      entityMap: {},
    };

    const next = applyAnswer(state, target, answer, 'insert_below');

    const blocks = next.getCurrentContent().getBlocksAsArray();
    expect(blocks.map((b) => [b.getType(), b.getText()])).toEqual([
      ['unstyled', MONSTERA_TEXT],
      ['unstyled', 'Repot in spring.'],
      ['header-two', 'Feed it'],
      ['unstyled', 'Wipe the leaves monthly.'],
    ]);
    expect(next.getSelection().getStartKey()).toBe(blocks[2]?.getKey());
    expect(next.getSelection().getStartOffset()).toBe('Feed it'.length);
    expect(convertToRaw(EditorState.undo(next).getCurrentContent())).toEqual(
      convertToRaw(state.getCurrentContent()),
    );
  });

  it('replaces a whole block, keeping its type, when nothing was selected', () => {
    const raw = { blocks: [block('h', 'Watering', { type: 'header-two' })], entityMap: {} };
    const state = select(editorStateFrom(raw), 'h', 2);

    const next = applyAnswer(
      state,
      extractTarget(state)!,
      { blocks: [block('a', 'Water')], entityMap: {} },
      'replace',
    );

    const first = next.getCurrentContent().getFirstBlock();
    expect([first.getType(), first.getText()]).toEqual(['header-two', 'Water']);
  });

  it('refuses, changing nothing, when the text changed after the request', () => {
    const state = selectedMonstera();
    const target = extractTarget(state)!;
    const edited = EditorState.push(
      state,
      editorStateFrom({
        blocks: [block('first', 'Something else entirely'), block('second', 'x')],
        entityMap: {},
      }).getCurrentContent(),
      'insert-characters',
    );

    expect(() => applyAnswer(edited, target, shorterAnswer(), 'replace')).toThrow(
      TargetChangedError,
    );
  });
});

describe('replaceContent', () => {
  it('puts the answer in place of the whole field, block types and link kept, in one undo step', () => {
    const state = selectedMonstera();
    const answer: RawDraftContentState = {
      blocks: [
        block('h', 'Monstera care', { type: 'header-two' }),
        block('p', 'A forgiving houseplant.', {
          entityRanges: [{ offset: 2, length: 9, key: 0 }],
        }),
      ],
      entityMap: { 0: { type: 'LINK', mutability: 'MUTABLE', data: { url: MONSTERA_URL } } },
    };

    const next = replaceContent(state, answer);

    const raw = convertToRaw(next.getCurrentContent());
    expect(raw.blocks.map((b) => [b.type, b.text])).toEqual([
      ['header-two', 'Monstera care'],
      ['unstyled', 'A forgiving houseplant.'],
    ]);
    expect(raw.blocks.map((b) => b.key)).not.toContain('h');
    expect(Object.values(raw.entityMap)).toEqual([
      { type: 'LINK', mutability: 'MUTABLE', data: { url: MONSTERA_URL } },
    ]);
    expect(raw.blocks[1]?.entityRanges).toEqual([{ offset: 2, length: 9, key: 0 }]);
    expect(next.getSelection().getStartKey()).toBe(raw.blocks[1]?.key);
    expect(next.getSelection().getStartOffset()).toBe('A forgiving houseplant.'.length);
    expect(convertToRaw(EditorState.undo(next).getCurrentContent())).toEqual(
      convertToRaw(state.getCurrentContent()),
    );
  });

  it('refuses an answer with no blocks, changing nothing', () => {
    const state = selectedMonstera();

    expect(() => replaceContent(state, { blocks: [], entityMap: {} })).toThrow(
      'The answer has no content.',
    );
  });
});
