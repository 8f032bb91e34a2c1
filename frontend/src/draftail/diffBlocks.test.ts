import { describe, expect, it } from 'vitest';

import { blockTypes, groupBlocks, splitBlocks } from './diffBlocks';
import type { MarkedPart } from './richDiff';
import { block } from './testing';

const plain = { bold: false, italic: false, link: false };
const part = (type: MarkedPart['type'], text: string, bold = false): MarkedPart => ({
  type,
  runs: [{ ...plain, bold, text }],
});
const texts = (parts: MarkedPart[]) =>
  parts.map((p) => [p.type, p.runs.map((run) => run.text).join('')]);

describe('splitBlocks and groupBlocks', () => {
  it('lays the diff out in the answer’s blocks, lists grouped', () => {
    const types = [
      { type: 'unstyled', depth: 0 },
      { type: 'unordered-list-item', depth: 0 },
      { type: 'unordered-list-item', depth: 0 },
      { type: 'ordered-list-item', depth: 0 },
    ];
    const blocks = splitBlocks(
      [
        part('equal', 'Care:\nBright'),
        part('delete', ' and indirect'),
        part('insert', ' light\n'),
        part('equal', 'Water ', true),
        part('equal', 'weekly\nRepot'),
      ],
      types,
    );

    expect(blocks.map((b) => [b.type, texts(b.parts)])).toEqual([
      ['unstyled', [['equal', 'Care:']]],
      [
        'unordered-list-item',
        [
          ['equal', 'Bright'],
          ['delete', ' and indirect'],
          ['insert', ' light'],
        ],
      ],
      [
        'unordered-list-item',
        [
          ['equal', 'Water '],
          ['equal', 'weekly'],
        ],
      ],
      ['ordered-list-item', [['equal', 'Repot']]],
    ]);
    expect(blocks[2]!.parts[0]!.runs[0]!.bold).toBe(true);
    expect(groupBlocks(blocks).map((group) => group.kind)).toEqual(['block', 'ul', 'ol']);
    expect(groupBlocks(blocks)[1]).toMatchObject({ kind: 'ul', items: [{}, {}] });
  });

  it('reads the answer’s text block types, atomic blocks left out', () => {
    const raw = {
      blocks: [
        block('a', 'One', { type: 'unordered-list-item' }),
        block('b', ' ', { type: 'atomic' }),
        block('c', 'Two', { type: 'header-two' }),
      ],
      entityMap: {},
    };
    expect(blockTypes(raw)).toEqual([
      { type: 'unordered-list-item', depth: 0 },
      { type: 'header-two', depth: 0 },
    ]);
    expect(blockTypes(undefined)).toEqual([]);
  });
});
