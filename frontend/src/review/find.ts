/**
 * Finding an improvement's original text in a field as it is now.
 *
 * Compared as the server compares when it locates the text
 * (`_normal` in `wagtail_ai_blocks/feedback/answer.py`): runs of white space are
 * one space and curly quotes are straight. Rich text is searched across its
 * blocks, joined by a line break (the server reads it with blocks separated by
 * spaces).
 */

import type { ContentState, SelectionState } from 'draft-js';

import { forwardRange } from '../draftail/selection';

const QUOTES: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201c': '"',
  '\u201d': '"',
};

/** `text` normalised, with the index in `text` of each normalised character. */
function normalise(text: string): { text: string; index: number[] } {
  let out = '';
  const index: number[] = [];
  let space = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charAt(i);
    if (/\s/.test(char)) {
      space = out.length > 0;
      continue;
    }
    if (space) {
      out += ' ';
      index.push(i - 1);
      space = false;
    }
    out += QUOTES[char] ?? char;
    index.push(i);
  }
  return { text: out, index };
}

/** `[start, end)` of the first occurrence of `needle` in `haystack`, or null. */
export function findText(haystack: string, needle: string): [number, number] | null {
  const wanted = normalise(needle).text;
  if (!wanted) return null;
  const { text, index } = normalise(haystack);
  const at = text.indexOf(wanted);
  if (at === -1) return null;
  const start = index[at] as number;
  const end = (index[at + wanted.length - 1] as number) + 1;
  return [start, end];
}

/** The range of `needle` in a Draft.js document (possibly across blocks), or null. */
export function findInContent(content: ContentState, needle: string): SelectionState | null {
  const blocks = content.getBlocksAsArray();
  const starts: number[] = [];
  let joined = '';
  for (const block of blocks) {
    if (joined) joined += '\n';
    starts.push(joined.length);
    joined += block.getText();
  }
  const found = findText(joined, needle);
  if (!found) return null;
  const position = (offset: number, isEnd: boolean): [string, number] => {
    let at = 0;
    for (let i = 0; i < blocks.length; i++) {
      // An end offset that falls on a block's end belongs to that block, not the next.
      const start = starts[i] as number;
      if (isEnd ? offset > start : offset >= start) at = i;
    }
    return [(blocks[at] as (typeof blocks)[number]).getKey(), offset - (starts[at] as number)];
  };
  const [anchorKey, anchorOffset] = position(found[0], false);
  const [focusKey, focusOffset] = position(found[1], true);
  return forwardRange(anchorKey, anchorOffset, focusKey, focusOffset);
}
