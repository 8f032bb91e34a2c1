import type { RawDraftContentState } from 'draft-js';
import React, { useMemo, type ReactNode } from 'react';

import { gettext } from '../i18n';
import { wordDiff, type DiffPart } from './diff';
import { blockTypes, groupBlocks, splitBlocks, type DiffBlock } from './diffBlocks';
import { answerMarks, markParts, type MarkedPart, type Run } from './richDiff';

function formatted(runs: Run[]): ReactNode[] {
  return runs.map((run, index) => {
    let node: ReactNode = run.text;
    if (run.link) node = <span className="wab-draftail-diff__link">{node}</span>;
    if (run.italic) node = <em>{node}</em>;
    if (run.bold) node = <strong>{node}</strong>;
    return <React.Fragment key={index}>{node}</React.Fragment>;
  });
}

function renderPart(part: MarkedPart, index: number): ReactNode {
  if (part.type === 'insert') {
    return (
      <ins key={index}>
        <span className="w-sr-only">{gettext('added:')} </span>
        {formatted(part.runs)}
      </ins>
    );
  }
  if (part.type === 'delete') {
    return (
      <del key={index}>
        <span className="w-sr-only">{gettext('removed:')} </span>
        {formatted(part.runs)}
      </del>
    );
  }
  return <React.Fragment key={index}>{formatted(part.runs)}</React.Fragment>;
}

function renderBlock(block: DiffBlock, index: number, Tag: 'p' | 'li'): ReactNode {
  const heading = block.type.startsWith('header-');
  return (
    <Tag
      key={index}
      className={heading ? 'wab-draftail-diff__heading' : undefined}
      style={block.depth > 0 ? { marginInlineStart: `${String(block.depth * 1.5)}em` } : undefined}
    >
      {block.parts.map(renderPart)}
    </Tag>
  );
}

/**
 * The answer against the original, word by word: removed words struck
 * through, added words underlined, the answer's bold, italic and links shown,
 * laid out in the answer's paragraphs, headings and lists. Each change carries
 * hidden text ("removed:", "added:") for screen readers. With `changes` false
 * (an answer that only adds text) the answer is shown as it will be inserted.
 *
 * Renders: <div class="wab-draftail-diff"><p>Water <del>every week</del><ins><strong>weekly</strong></ins>.</p>
 *   <ul><li>Bright light</li></ul></div>
 */
export function DiffView({
  before,
  after,
  answer,
  changes = true,
}: {
  before: string;
  after: string;
  /** The answer's content, for its formatting and its blocks. */
  answer?: RawDraftContentState;
  changes?: boolean;
}) {
  const groups = useMemo(() => {
    const diff: DiffPart[] = changes ? wordDiff(before, after) : [{ type: 'equal', text: after }];
    const parts = markParts(diff, answer ? answerMarks(answer) : []);
    return groupBlocks(splitBlocks(parts, blockTypes(answer)));
  }, [before, after, answer, changes]);
  return (
    <div className="wab-draftail-diff">
      {groups.map((group, index) => {
        if (group.kind === 'block') return renderBlock(group.block, index, 'p');
        const List = group.kind;
        return <List key={index}>{group.items.map((item, i) => renderBlock(item, i, 'li'))}</List>;
      })}
    </div>
  );
}
