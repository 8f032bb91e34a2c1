/**
 * The preview's diff laid out in the answer's blocks: paragraphs, headings and
 * list items, so the editor sees a bulleted or numbered list where the rich
 * text will get one (and paragraphs where a field without lists gets them).
 *
 * The answer's text has one line per text block (`answerText`): a newline in
 * kept or added text ends an answer block. Removed text belongs to no answer
 * block; it stays where it was removed, in the block around it.
 */

import type { RawDraftContentState } from 'draft-js';

import type { MarkedPart } from './richDiff';

export type ListKind = 'ul' | 'ol';

export interface DiffBlock {
  /** The Draft.js block type (`unstyled`, `header-two`, `unordered-list-item`…). */
  type: string;
  depth: number;
  parts: MarkedPart[];
}

/** Consecutive list items form one list; anything else stands alone. */
export type DiffGroup =
  { kind: 'block'; block: DiffBlock } | { kind: ListKind; items: DiffBlock[] };

const LISTS: Record<string, ListKind> = {
  'unordered-list-item': 'ul',
  'ordered-list-item': 'ol',
};

/** The answer's text block types and depths, in `answerText`'s order. */
export function blockTypes(
  raw: RawDraftContentState | undefined,
): { type: string; depth: number }[] {
  return (raw?.blocks ?? [])
    .filter((block) => block.type !== 'atomic')
    .map((block) => ({ type: block.type, depth: block.depth }));
}

/** Split the diff at the answer's block boundaries. */
export function splitBlocks(
  parts: MarkedPart[],
  types: { type: string; depth: number }[],
): DiffBlock[] {
  const blocks: DiffBlock[] = [];
  const open = (): DiffBlock => {
    const info = types[blocks.length] ?? { type: 'unstyled', depth: 0 };
    const block: DiffBlock = { type: info.type, depth: info.depth, parts: [] };
    blocks.push(block);
    return block;
  };
  let current = open();
  for (const part of parts) {
    if (part.type === 'delete') {
      current.parts.push(part);
      continue;
    }
    let piece: MarkedPart = { type: part.type, runs: [] };
    for (const run of part.runs) {
      const lines = run.text.split('\n');
      lines.forEach((line, index) => {
        if (index > 0) {
          if (piece.runs.length > 0) current.parts.push(piece);
          current = open();
          piece = { type: part.type, runs: [] };
        }
        if (line) piece.runs.push({ ...run, text: line });
      });
    }
    if (piece.runs.length > 0) current.parts.push(piece);
  }
  return blocks;
}

/** Group list items into lists. */
export function groupBlocks(blocks: DiffBlock[]): DiffGroup[] {
  const groups: DiffGroup[] = [];
  for (const block of blocks) {
    const list = LISTS[block.type];
    const last = groups[groups.length - 1];
    if (!list) groups.push({ kind: 'block', block });
    else if (last?.kind === list) last.items.push(block);
    else groups.push({ kind: list, items: [block] });
  }
  return groups;
}
