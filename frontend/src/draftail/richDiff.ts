/**
 * The diff of the preview, with the answer's formatting: bold, italic and
 * links show in the preview as they will in the document, so the editor can
 * see that formatting survived before accepting.
 */

import type { RawDraftContentState } from 'draft-js';

import type { DiffPart } from './diff';

export interface Marks {
  bold: boolean;
  italic: boolean;
  link: boolean;
}

export interface Run extends Marks {
  text: string;
}

/** A diff part split into runs of the same formatting. */
export interface MarkedPart {
  type: DiffPart['type'];
  runs: Run[];
}

const PLAIN: Marks = { bold: false, italic: false, link: false };
const LINK_TYPES = new Set(['LINK', 'DOCUMENT']);

/**
 * The marks of each character of the answer's text, as `answerText` lays it out
 * (text blocks joined with a newline, which has no marks).
 */
export function answerMarks(raw: RawDraftContentState): Marks[] {
  const marks: Marks[] = [];
  raw.blocks
    .filter((block) => block.type !== 'atomic')
    .forEach((block, index) => {
      if (index > 0) marks.push(PLAIN);
      const own: Marks[] = Array.from({ length: block.text.length }, () => ({ ...PLAIN }));
      for (const range of block.inlineStyleRanges) {
        const key = range.style === 'BOLD' ? 'bold' : range.style === 'ITALIC' ? 'italic' : null;
        if (!key) continue;
        for (let i = range.offset; i < range.offset + range.length; i++) {
          const mark = own[i];
          if (mark) mark[key] = true;
        }
      }
      for (const range of block.entityRanges) {
        const entity = raw.entityMap[range.key];
        if (!entity || !LINK_TYPES.has(entity.type)) continue;
        for (let i = range.offset; i < range.offset + range.length; i++) {
          const mark = own[i];
          if (mark) mark.link = true;
        }
      }
      marks.push(...own);
    });
  return marks;
}

const same = (a: Marks, b: Marks): boolean =>
  a.bold === b.bold && a.italic === b.italic && a.link === b.link;

/**
 * Split each diff part where the answer's formatting changes. Kept and added
 * text takes the answer's marks; removed text (not in the answer) has none.
 */
export function markParts(parts: DiffPart[], marks: Marks[]): MarkedPart[] {
  let position = 0;
  return parts.map((part) => {
    if (part.type === 'delete') return { type: part.type, runs: [{ text: part.text, ...PLAIN }] };
    const runs: Run[] = [];
    let start = 0;
    for (let i = 1; i <= part.text.length; i++) {
      const current = marks[position + start] ?? PLAIN;
      const next = marks[position + i] ?? PLAIN;
      if (i === part.text.length || !same(current, next)) {
        runs.push({ text: part.text.slice(start, i), ...current });
        start = i;
      }
    }
    position += part.text.length;
    return { type: part.type, runs };
  });
}
