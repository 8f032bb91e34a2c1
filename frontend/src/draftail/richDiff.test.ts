import { describe, expect, it } from 'vitest';

import { answerText } from './answer';
import { wordDiff } from './diff';
import { answerMarks, markParts } from './richDiff';
import { block } from './testing';

describe('markParts', () => {
  it('shows the answer’s bold and links on kept and added words', () => {
    const answer = {
      blocks: [
        block('a', 'Water weekly, see guide.', {
          inlineStyleRanges: [{ offset: 6, length: 6, style: 'BOLD' }],
          entityRanges: [{ offset: 18, length: 5, key: 0 }],
        }),
      ],
      entityMap: { 0: { type: 'LINK', mutability: 'MUTABLE' as const, data: { url: '/g/' } } },
    };

    const parts = markParts(
      wordDiff('Water every week, see guide.', answerText(answer)),
      answerMarks(answer),
    );

    expect(parts).toEqual([
      { type: 'equal', runs: [{ text: 'Water ', bold: false, italic: false, link: false }] },
      { type: 'delete', runs: [{ text: 'every week', bold: false, italic: false, link: false }] },
      { type: 'insert', runs: [{ text: 'weekly', bold: true, italic: false, link: false }] },
      {
        type: 'equal',
        runs: [
          { text: ', see ', bold: false, italic: false, link: false },
          { text: 'guide', bold: false, italic: false, link: true },
          { text: '.', bold: false, italic: false, link: false },
        ],
      },
    ]);
  });

  it('lines the marks up across blocks, skipping images', () => {
    const answer = {
      blocks: [
        block('a', 'One'),
        block('img', ' ', { type: 'atomic' }),
        block('b', 'Two', { inlineStyleRanges: [{ offset: 0, length: 3, style: 'ITALIC' }] }),
      ],
      entityMap: {},
    };

    const parts = markParts(wordDiff('One\nTwo', answerText(answer)), answerMarks(answer));

    expect(parts).toEqual([
      {
        type: 'equal',
        runs: [
          { text: 'One\n', bold: false, italic: false, link: false },
          { text: 'Two', bold: false, italic: true, link: false },
        ],
      },
    ]);
  });
});
