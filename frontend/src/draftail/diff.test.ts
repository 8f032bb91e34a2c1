import { describe, expect, it } from 'vitest';

import { tokenize, wordDiff } from './diff';

describe('wordDiff', () => {
  it('keeps shared words and marks removed and added ones', () => {
    expect(wordDiff('Water the plant every week.', 'Water the plant weekly.')).toEqual([
      { type: 'equal', text: 'Water the plant ' },
      { type: 'delete', text: 'every week' },
      { type: 'insert', text: 'weekly' },
      { type: 'equal', text: '.' },
    ]);
  });

  it('shows a pure deletion', () => {
    expect(wordDiff('Bright, indirect light.', 'Bright light.')).toEqual([
      { type: 'equal', text: 'Bright' },
      { type: 'delete', text: ', indirect' },
      { type: 'equal', text: ' light.' },
    ]);
  });

  it('is all equal for the same text, and all added from nothing', () => {
    expect(wordDiff('Same text', 'Same text')).toEqual([{ type: 'equal', text: 'Same text' }]);
    expect(wordDiff('', 'New text')).toEqual([{ type: 'insert', text: 'New text' }]);
  });

  it('joins the parts back into both texts', () => {
    const before = 'Monstera likes light.\nWipe the leaves.';
    const after = 'Monstera loves bright light.\nClean the leaves monthly.';
    const parts = wordDiff(before, after);

    const join = (skip: string) =>
      parts
        .filter((part) => part.type !== skip)
        .map((part) => part.text)
        .join('');
    expect(join('insert')).toBe(before);
    expect(join('delete')).toBe(after);
  });

  it('does not split words with apostrophes, hyphens or accents', () => {
    expect(tokenize("plant's well-draining café")).toEqual([
      "plant's",
      ' ',
      'well-draining',
      ' ',
      'café',
    ]);
  });

  it('gives up on detail for very long texts instead of freezing', () => {
    const before = Array.from({ length: 3000 }, (_, i) => `a${i}`).join(' ');
    const after = Array.from({ length: 3000 }, (_, i) => `b${i}`).join(' ');

    expect(wordDiff(before, after)).toEqual([
      { type: 'delete', text: before },
      { type: 'insert', text: after },
    ]);
  });
});
