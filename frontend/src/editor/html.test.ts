import { describe, expect, it } from 'vitest';

import {
  asRawContentState,
  rawToHtml,
  rawToText,
  slicesToHtml,
  slicesToText,
  type RawBlock,
} from './html';

function block(type: string, text: string, extra: Partial<RawBlock> = {}): RawBlock {
  return { type, text, depth: 0, inlineStyleRanges: [], entityRanges: [], ...extra };
}

describe('rawToHtml', () => {
  it('writes paragraphs and headings', () => {
    const raw = {
      blocks: [block('header-two', 'Light'), block('unstyled', 'Bright & indirect <please>')],
      entityMap: {},
    };

    expect(rawToHtml(raw)).toBe('<h2>Light</h2><p>Bright &amp; indirect &lt;please&gt;</p>');
  });

  it('keeps bold, italic and overlapping styles', () => {
    const raw = {
      blocks: [
        block('unstyled', 'A forgiving plant', {
          inlineStyleRanges: [
            { style: 'BOLD', offset: 2, length: 9 },
            { style: 'ITALIC', offset: 6, length: 11 },
          ],
        }),
      ],
      entityMap: {},
    };

    expect(rawToHtml(raw)).toBe('<p>A <b>forg</b><b><i>iving</i></b><i> plant</i></p>');
  });

  it('writes external, page and document links the way Wagtail stores them', () => {
    const raw = {
      blocks: [
        block('unstyled', 'see wiki, care page and leaflet', {
          entityRanges: [
            { key: 0, offset: 4, length: 4 },
            { key: 1, offset: 10, length: 9 },
            { key: 2, offset: 24, length: 7 },
          ],
          inlineStyleRanges: [{ style: 'BOLD', offset: 4, length: 2 }],
        }),
      ],
      entityMap: {
        0: { type: 'LINK', data: { url: 'https://example.com/?a=1&b="2"' } },
        1: { type: 'LINK', data: { id: 3, url: '/care/', parentId: 2 } },
        2: { type: 'DOCUMENT', data: { id: 7, url: '/documents/7/', filename: 'x.pdf' } },
      },
    };

    expect(rawToHtml(raw)).toBe(
      '<p>see <a href="https://example.com/?a=1&amp;b=&quot;2&quot;"><b>wi</b>ki</a>, ' +
        '<a linktype="page" id="3">care page</a> and ' +
        '<a linktype="document" id="7">leaflet</a></p>',
    );
  });

  it('groups list items and nests deeper ones inside the item before', () => {
    const raw = {
      blocks: [
        block('unordered-list-item', 'Water'),
        block('unordered-list-item', 'weekly', { depth: 1 }),
        block('unordered-list-item', 'Light'),
        block('ordered-list-item', 'First'),
        block('unstyled', 'Done'),
      ],
      entityMap: {},
    };

    expect(rawToHtml(raw)).toBe(
      '<ul><li>Water<ul><li>weekly</li></ul></li><li>Light</li></ul>' +
        '<ol><li>First</li></ol><p>Done</p>',
    );
  });

  it('writes images, embeds and rules as Wagtail embeds', () => {
    const raw = {
      blocks: [
        block('atomic', ' ', { entityRanges: [{ key: 0, offset: 0, length: 1 }] }),
        block('atomic', ' ', { entityRanges: [{ key: 1, offset: 0, length: 1 }] }),
        block('atomic', ' ', { entityRanges: [{ key: 2, offset: 0, length: 1 }] }),
      ],
      entityMap: {
        0: { type: 'IMAGE', data: { id: 5, format: 'left', alt: 'A leaf', src: '/x.jpg' } },
        1: { type: 'EMBED', data: { url: 'https://youtu.be/x' } },
        2: { type: 'HORIZONTAL_RULE' },
      },
    };

    expect(rawToHtml(raw)).toBe(
      '<embed embedtype="image" id="5" format="left" alt="A leaf"/>' +
        '<embed embedtype="media" url="https://youtu.be/x"/><hr/>',
    );
  });

  it('leaves out formatting the field does not allow', () => {
    const raw = {
      blocks: [
        block('header-four', 'Light and <b>', {
          inlineStyleRanges: [
            { offset: 0, length: 5, style: 'ITALIC' },
            { offset: 0, length: 5, style: 'BOLD' },
          ],
        }),
        block('unordered-list-item', 'Water'),
        block('unstyled', 'see wiki', { entityRanges: [{ key: 0, offset: 4, length: 4 }] }),
        block('atomic', ' ', { entityRanges: [{ key: 1, offset: 0, length: 1 }] }),
        block('atomic', ' ', { entityRanges: [{ key: 2, offset: 0, length: 1 }] }),
      ],
      entityMap: {
        0: { type: 'LINK', data: { url: 'https://example.com/' } },
        1: { type: 'IMAGE', data: { id: 5, format: 'left', alt: 'A leaf' } },
        2: { type: 'HORIZONTAL_RULE' },
      },
    };

    expect(rawToHtml(raw, new Set(['bold']))).toBe(
      '<p><b>Light</b> and &lt;b&gt;</p><p>Water</p><p>see wiki</p>',
    );
    expect(rawToHtml(raw, null)).toBe(
      '<h4><b><i>Light</i></b> and &lt;b&gt;</h4><ul><li>Water</li></ul>' +
        '<p>see <a href="https://example.com/">wiki</a></p>' +
        '<embed embedtype="image" id="5" format="left" alt="A leaf"/><hr/>',
    );
  });

  it('drops links without a target and documents without an id', () => {
    const raw = {
      blocks: [
        block('unstyled', 'no url, no id', {
          entityRanges: [
            { key: 0, offset: 0, length: 6 },
            { key: 1, offset: 8, length: 5 },
          ],
        }),
      ],
      entityMap: {
        0: { type: 'LINK', data: { url: '' } },
        1: { type: 'DOCUMENT', data: { filename: 'x.pdf' } },
      },
    };

    expect(rawToHtml(raw)).toBe('<p>no url, no id</p>');
  });

  it('escapes quotes in attributes and keeps an image without a format', () => {
    const raw = {
      blocks: [block('atomic', ' ', { entityRanges: [{ key: 0, offset: 0, length: 1 }] })],
      entityMap: { 0: { type: 'IMAGE', data: { id: '5', alt: 'A "leaf"' } } },
    };

    expect(rawToHtml(raw)).toBe('<embed embedtype="image" id="5" alt="A &quot;leaf&quot;"/>');
  });

  it('turns soft line breaks into <br/>', () => {
    const raw = { blocks: [block('unstyled', 'one\ntwo')], entityMap: {} };

    expect(rawToHtml(raw)).toBe('<p>one<br/>two</p>');
  });
});

describe('slicesToHtml', () => {
  it('writes the part of each block a selection covers, a link cut in the middle', () => {
    const entityMap = { 0: { type: 'LINK', data: { id: 3 } } };
    const first = block('unstyled', 'A forgiving plant', {
      inlineStyleRanges: [{ style: 'BOLD', offset: 2, length: 9 }],
      entityRanges: [{ key: 0, offset: 12, length: 5 }],
    });
    const second = block('unordered-list-item', 'Water weekly');

    const slices = [
      { block: first, start: 6, end: 14 },
      { block: second, start: 0, end: 5 },
    ];

    expect(slicesToHtml(slices, entityMap, null)).toBe(
      '<p><b>iving</b> <a linktype="page" id="3">pl</a></p><ul><li>Water</li></ul>',
    );
    expect(slicesToText(slices)).toBe('iving pl\nWater');
  });
});

describe('rawToText', () => {
  it('joins the text of the blocks, skipping images', () => {
    const raw = {
      blocks: [block('header-two', 'Light'), block('atomic', ' '), block('unstyled', 'Bright.')],
      entityMap: {},
    };

    expect(rawToText(raw)).toBe('Light\nBright.');
    expect(rawToText({ blocks: [block('unstyled', ' Light ')], entityMap: {} })).toBe(' Light ');
  });
});

describe('asRawContentState', () => {
  it('accepts an object with blocks and fills a missing entity map', () => {
    expect(asRawContentState({ blocks: [] })).toEqual({ blocks: [], entityMap: {} });
  });

  it.each([null, 'text', 3, {}, { blocks: 'no' }])('rejects %j', (value) => {
    expect(asRawContentState(value)).toBeNull();
  });
});
