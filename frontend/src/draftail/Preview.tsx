import React, { useEffect, useRef, useState } from 'react';

import { gettext, interpolate, ngettext } from '../i18n';
import type { AnswerState } from './answer';
import { DiffView } from './DiffView';
import { Icon } from './Icon';

export interface PreviewProps {
  /** The action's name ("Make shorter", "Translate: French"). */
  title: string;
  /** The original text (one line per block). */
  original: string;
  answer: AnswerState | null;
  /** False for actions that only add text (continue writing). */
  canReplace: boolean;
  /** Why the answer could not be applied, e.g. the text changed meanwhile. */
  applyError: string | null;
  onReplace: () => void;
  onInsertBelow: () => void;
  onTryAgain: () => void;
  onDiscard: () => void;
  onStop: () => void;
}

function statusText(status: AnswerState['status']): string | null {
  switch (status) {
    case 'streaming':
      return gettext('Writing…');
    case 'done':
      return gettext('Answer ready');
    case 'stopped':
      return gettext('Stopped');
    default:
      return null;
  }
}

/** "link:https://…" → "https://…", "page:3" → "page 3". */
export function describeEntity(ref: string): string {
  const colon = ref.indexOf(':');
  const kind = ref.slice(0, colon);
  const target = ref.slice(colon + 1);
  switch (kind) {
    case 'page':
      return interpolate(gettext('link to page %(id)s'), { id: target });
    case 'document':
      return interpolate(gettext('link to document %(id)s'), { id: target });
    case 'image':
      return interpolate(gettext('image %(id)s'), { id: target });
    default:
      return target;
  }
}

/**
 * The answer as it streams, then its differences from the original, with
 * Replace / Insert below / Try again / Discard. Nothing reaches the document
 * before Replace or Insert below.
 *
 * The streamed text is not a live region (a screen reader would read every
 * chunk): the status says when writing starts and when the answer is ready.
 *
 * Renders: <section class="wab-draftail-preview" aria-label="AI answer">
 *   <span role="status">Writing…</span>
 *   <div class="wab-draftail-preview__stream">streaming text…</div> <button>Stop</button> …</section>
 */
export function Preview({
  title,
  original,
  answer,
  canReplace,
  applyError,
  onReplace,
  onInsertBelow,
  onTryAgain,
  onDiscard,
  onStop,
}: PreviewProps) {
  const primary = useRef<HTMLButtonElement>(null);
  const stop = useRef<HTMLButtonElement>(null);
  const retry = useRef<HTMLButtonElement>(null);
  const discard = useRef<HTMLButtonElement>(null);
  const status = answer?.status ?? 'streaming';
  // The status region is in the page before its first words, so they are announced.
  const [announcing, setAnnouncing] = useState(false);
  useEffect(() => {
    setAnnouncing(true);
  }, []);

  // Our own limit or budget said no: the message says when, and asking again before
  // then is refused again, so there is no Try again until the editor opens a new answer.
  const limited =
    answer?.status === 'failed' &&
    (answer.code === 'rate_limited' || answer.code === 'budget_exceeded');

  // Keep the keyboard where the next step is.
  useEffect(() => {
    if (status === 'streaming') stop.current?.focus({ preventScroll: true });
    else if (status === 'done' && !applyError) primary.current?.focus({ preventScroll: true });
    else if (limited) discard.current?.focus({ preventScroll: true });
    else retry.current?.focus({ preventScroll: true });
  }, [status, applyError, limited]);

  // Only replacing can remove a link: an answer inserted below leaves the original as it is.
  const lost =
    canReplace && answer?.status === 'done' ? (answer.candidate.lost_entities ?? []) : [];

  return (
    <section
      className="wab-draftail-preview"
      aria-label={gettext('AI answer')}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          event.stopPropagation();
          onDiscard();
        }
      }}
    >
      <header className="wab-draftail-preview__header">
        <Icon name="ai-sparkle" />
        <span className="wab-draftail-preview__title">{title}</span>
        <span className="wab-draftail-preview__status" role="status">
          {announcing ? statusText(status) : null}
        </span>
      </header>

      {status === 'done' && answer?.status === 'done' ? (
        <DiffView
          before={original}
          after={answer.text}
          answer={answer.contentstate}
          changes={canReplace}
        />
      ) : (
        <div className="wab-draftail-preview__stream">
          {answer?.text ?? ''}
          {status === 'streaming' ? (
            <span className="wab-draftail-preview__caret" aria-hidden="true" />
          ) : null}
        </div>
      )}

      {lost.length > 0 ? (
        <p className="wab-draftail-preview__warning" role="alert">
          <Icon name="warning" />
          {interpolate(
            ngettext(
              'The answer leaves out %(count)s link or image of the original: %(items)s. Replacing the text removes it.',
              'The answer leaves out %(count)s links or images of the original: %(items)s. Replacing the text removes them.',
              lost.length,
            ),
            { count: lost.length, items: lost.map(describeEntity).join(', ') },
          )}
        </p>
      ) : null}

      {answer?.status === 'failed' || applyError ? (
        <div className="wab-draftail-preview__error" role="alert">
          <Icon name="warning" />
          <p>
            {applyError ?? (answer?.status === 'failed' ? answer.message : '')}
            {answer?.status === 'failed' && answer.retryHint ? (
              <>
                {' '}
                <strong>{answer.retryHint}</strong>
              </>
            ) : null}
          </p>
        </div>
      ) : null}

      <footer className="wab-draftail-actions">
        {status === 'streaming' ? (
          <button
            ref={stop}
            type="button"
            className="button button-small button-secondary"
            onClick={onStop}
          >
            {gettext('Stop')}
          </button>
        ) : null}
        {status === 'done' && !applyError ? (
          <>
            {canReplace ? (
              <button
                ref={primary}
                type="button"
                className="button button-small"
                onClick={onReplace}
              >
                <Icon name="check" />
                {gettext('Replace')}
              </button>
            ) : null}
            <button
              ref={canReplace ? undefined : primary}
              type="button"
              className={
                canReplace ? 'button button-small button-secondary' : 'button button-small'
              }
              onClick={onInsertBelow}
            >
              <Icon name="plus" />
              {gettext('Insert below')}
            </button>
          </>
        ) : null}
        {status !== 'streaming' && !limited ? (
          <button
            ref={retry}
            type="button"
            className="button button-small button-secondary"
            onClick={onTryAgain}
          >
            <Icon name="rotate" />
            {gettext('Try again')}
          </button>
        ) : null}
        <button
          ref={discard}
          type="button"
          className="button button-small button-secondary"
          onClick={onDiscard}
        >
          <Icon name="cross" />
          {gettext('Discard')}
        </button>
      </footer>
    </section>
  );
}
