import React, { useEffect, useRef, useState } from 'react';

import { gettext } from '../i18n';
import { Icon } from './Icon';
import type { MenuItem } from './menu';

type AskItem = Extract<MenuItem, { kind: 'ask' }>;

export interface AskFormProps {
  item: AskItem;
  initial: string;
  onSubmit: (instruction: string) => void;
  /** Back to the menu. */
  onBack: () => void;
}

/**
 * "Ask AI…": a free instruction for the selected text. Enter sends (Shift+Enter
 * for a new line), Escape goes back to the menu.
 *
 * Renders: <form class="wab-draftail-ask"><label>Ask AI…</label><textarea></textarea>
 *   <button type="submit">Ask</button><button type="button">Back</button></form>
 */
export function AskForm({ item, initial, onSubmit, onBack }: AskFormProps) {
  const [instruction, setInstruction] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const id = `wab-draftail-ask-${item.key}`;

  useEffect(() => {
    textarea.current?.focus({ preventScroll: true });
  }, []);

  const submit = (): void => {
    const text = instruction.trim();
    if (!text) {
      setError(gettext('Write what the AI should do with the text.'));
      textarea.current?.focus({ preventScroll: true });
      return;
    }
    onSubmit(text);
  };

  return (
    <form
      className="wab-draftail-ask"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <label className="wab-draftail-ask__label" htmlFor={id}>
        {item.label}
      </label>
      <textarea
        id={id}
        ref={textarea}
        className="wab-draftail-ask__input"
        rows={3}
        value={instruction}
        maxLength={item.param.max_length}
        placeholder={gettext('For example: make it sound more exciting')}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => {
          setInstruction(event.target.value);
          setError(null);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && !event.shiftKey) {
            event.preventDefault();
            submit();
          } else if (event.key === 'Escape') {
            event.preventDefault();
            event.stopPropagation();
            onBack();
          }
        }}
      />
      {error ? (
        <p id={`${id}-error`} className="wab-draftail-ask__error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="wab-draftail-actions">
        <button type="submit" className="button button-small">
          <Icon name="ai-sparkle" />
          {gettext('Ask')}
        </button>
        <button type="button" className="button button-small button-secondary" onClick={onBack}>
          {gettext('Back')}
        </button>
      </div>
    </form>
  );
}
