import type { RawDraftContentState } from 'draft-js';
import React, { useMemo, type ReactNode } from 'react';

import { gettext } from '../i18n';
import { wordDiff } from './diff';
import { answerMarks, markParts, type Run } from './richDiff';

function formatted(runs: Run[]): ReactNode[] {
  return runs.map((run, index) => {
    let node: ReactNode = run.text;
    if (run.link) node = <span className="wab-draftail-diff__link">{node}</span>;
    if (run.italic) node = <em>{node}</em>;
    if (run.bold) node = <strong>{node}</strong>;
    return <React.Fragment key={index}>{node}</React.Fragment>;
  });
}

/**
 * The answer against the original, word by word: removed words struck
 * through, added words underlined, the answer's bold, italic and links shown.
 * Each change carries hidden text ("removed:", "added:") for screen readers.
 *
 * Renders: <div class="wab-draftail-diff">Water <del>every week</del><ins><strong>weekly</strong></ins>.</div>
 */
export function DiffView({
  before,
  after,
  answer,
}: {
  before: string;
  after: string;
  /** The answer's content, for its formatting. */
  answer?: RawDraftContentState;
}) {
  const parts = useMemo(
    () => markParts(wordDiff(before, after), answer ? answerMarks(answer) : []),
    [before, after, answer],
  );
  return (
    <div className="wab-draftail-diff">
      {parts.map((part, index) => {
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
      })}
    </div>
  );
}
