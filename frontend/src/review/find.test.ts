import { describe, expect, it } from 'vitest';

import { rangeText } from '../editor/range';
import { block, editorStateFrom } from '../draftail/testing';
import { findInContent, findText } from './find';

describe('findText', () => {
  it('finds the first occurrence, as offsets in the original text', () => {
    expect(findText('Water it. Water it weekly.', 'Water it weekly.')).toEqual([10, 26]);
  });

  it('ignores runs of white space and curly quotes, as the server does', () => {
    const text = 'It’s  a\n“forgiving”   plant.';
    const found = findText(text, 'It\'s a "forgiving" plant.');

    expect(found).toEqual([0, text.length]);
  });

  it('is null when the text is not there, or nothing is asked for', () => {
    expect(findText('Water it weekly.', 'Water it monthly.')).toBeNull();
    expect(findText('Water it weekly.', '  ')).toBeNull();
  });

  it('tells letter case apart, like the server', () => {
    expect(findText('Water it weekly.', 'water it weekly.')).toBeNull();
  });
});

describe('findInContent', () => {
  const content = editorStateFrom({
    blocks: [block('a', 'Repot in spring.'), block('b', 'Wipe the leaves monthly.')],
    entityMap: {},
  }).getCurrentContent();

  it('gives the range of the text inside a block', () => {
    const range = findInContent(content, 'the leaves monthly')!;

    expect([range.getStartKey(), range.getStartOffset(), range.getEndOffset()]).toEqual([
      'b',
      5,
      23,
    ]);
    expect(rangeText(content, range)).toBe('the leaves monthly');
  });

  it('finds text across two blocks, ending inside the second', () => {
    const range = findInContent(content, 'spring. Wipe')!;

    expect([range.getStartKey(), range.getStartOffset()]).toEqual(['a', 9]);
    expect([range.getEndKey(), range.getEndOffset()]).toEqual(['b', 4]);
  });

  it('ends a range at the end of its block, not at the start of the next', () => {
    const range = findInContent(content, 'Repot in spring.')!;

    expect([range.getEndKey(), range.getEndOffset()]).toEqual(['a', 16]);
  });

  it('is null when the text changed', () => {
    expect(findInContent(content, 'Wipe the leaves weekly.')).toBeNull();
  });
});
