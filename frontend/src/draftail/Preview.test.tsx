import React from 'react';
import ReactDOM from 'react-dom';
import { act } from 'react-dom/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';

import type { AnswerState } from './answer';
import { describeEntity, Preview, type PreviewProps } from './Preview';
import { block } from './testing';

let container: HTMLElement;

function render(answer: AnswerState | null, extra: Partial<PreviewProps> = {}) {
  const props: PreviewProps = {
    title: 'Make shorter',
    original: 'Water the plant every week.',
    answer,
    canReplace: true,
    applyError: null,
    onReplace: vi.fn(),
    onInsertBelow: vi.fn(),
    onTryAgain: vi.fn(),
    onDiscard: vi.fn(),
    onStop: vi.fn(),
    ...extra,
  };
  container = document.createElement('div');
  document.body.append(container);
  act(() => {
    ReactDOM.render(<Preview {...props} />, container);
  });
  return props;
}

const buttons = () =>
  Array.from(container.querySelectorAll('button')).map((b) => b.textContent.trim());

const done: Extract<AnswerState, { status: 'done' }> = {
  status: 'done',
  text: 'Water the plant weekly.',
  candidate: { text: 'Water the plant weekly.', length: 23, lost_entities: [] },
  contentstate: { blocks: [block('a', 'Water the plant weekly.')], entityMap: {} },
};

afterEach(() => {
  ReactDOM.unmountComponentAtNode(container);
  container.remove();
});

describe('Preview', () => {
  it('streams outside any live region, announcing only the start, with Stop', () => {
    const props = render({ status: 'streaming', text: 'Water the' });

    expect(container.querySelector('.wab-draftail-preview__stream')?.textContent).toBe('Water the');
    expect(container.querySelector('.wab-draftail-preview__stream')?.closest('[aria-live]')).toBe(
      null,
    );
    expect(container.querySelector('[aria-live]')).toBe(null);
    expect(container.querySelector('[role=status]')?.textContent).toBe('Writing…');
    expect(buttons()).toEqual(['Stop', 'Discard']);
    expect(document.activeElement?.textContent).toBe('Stop');
    act(() => {
      (document.activeElement as HTMLButtonElement).click();
    });
    expect(props.onStop).toHaveBeenCalled();
  });

  it('shows the differences and offers Replace first', () => {
    render(done);

    expect(container.querySelector('[role=status]')?.textContent).toBe('Answer ready');
    expect(container.querySelector('del')?.textContent).toBe('removed: every week');
    expect(container.querySelector('ins')?.textContent).toBe('added: weekly');
    expect(buttons()).toEqual(['Replace', 'Insert below', 'Try again', 'Discard']);
    expect(document.activeElement?.textContent).toBe('Replace');
  });

  it('only inserts for actions that add text, showing the addition alone', () => {
    render(
      {
        ...done,
        text: 'Repot in spring.',
        candidate: {
          text: 'Repot in spring.',
          length: 16,
          lost_entities: ['link:https://example.com/'],
        },
        contentstate: { blocks: [block('a', 'Repot in spring.')], entityMap: {} },
      },
      { canReplace: false },
    );

    expect(buttons()).toEqual(['Insert below', 'Try again', 'Discard']);
    expect(document.activeElement?.textContent).toBe('Insert below');
    // Nothing is replaced: the original is not struck through, no link is "removed".
    expect(container.querySelector('.wab-draftail-diff')?.textContent).toBe('Repot in spring.');
    expect(container.querySelector('del')).toBe(null);
    expect(container.querySelector('ins')).toBe(null);
    expect(container.querySelector('.wab-draftail-preview__warning')).toBe(null);
  });

  it('shows lists as lists and paragraphs as paragraphs', () => {
    render({
      ...done,
      text: 'Care\nBright light\nWeekly water\nRepot',
      contentstate: {
        blocks: [
          block('a', 'Care', { type: 'header-two' }),
          block('b', 'Bright light', { type: 'unordered-list-item' }),
          block('c', 'Weekly water', { type: 'unordered-list-item' }),
          block('d', 'Repot', { type: 'ordered-list-item' }),
        ],
        entityMap: {},
      },
    });

    const diff = container.querySelector('.wab-draftail-diff')!;
    expect(Array.from(diff.children, (child) => child.tagName)).toEqual(['P', 'UL', 'OL']);
    expect(Array.from(diff.querySelectorAll('ul > li'), (li) => li.textContent)).toEqual([
      'added: Bright light',
      'added: Weekly water',
    ]);
    expect(diff.querySelector('.wab-draftail-diff__heading')?.textContent).toContain('Care');
  });

  it('warns about links the answer dropped', () => {
    render({
      ...done,
      candidate: { ...done.candidate, lost_entities: ['link:https://x.test/', 'page:3'] },
    });

    expect(container.querySelector('[role=alert]')?.textContent).toContain(
      'leaves out 2 links or images of the original: https://x.test/, link to page 3',
    );
  });

  it('explains a failure, says when to retry, and offers Try again', () => {
    render({
      status: 'failed',
      text: '',
      message: 'The AI service is busy right now.',
      retryHint: 'Try again in 3 minutes',
      code: 'provider_rate_limited',
    });

    expect(container.querySelector('[role=alert]')?.textContent).toBe(
      'The AI service is busy right now. Try again in 3 minutes',
    );
    expect(buttons()).toEqual(['Try again', 'Discard']);
    expect(document.activeElement?.textContent).toBe('Try again');
  });

  it.each(['rate_limited', 'budget_exceeded'])(
    'offers no Try again when our own %s refusal says when to come back',
    (code) => {
      render({
        status: 'failed',
        text: '',
        message: 'You have used all your AI requests for now. Try again in 1 hour.',
        retryHint: null,
        code,
      });

      expect(container.querySelector('[role=alert]')?.textContent).toBe(
        'You have used all your AI requests for now. Try again in 1 hour.',
      );
      expect(buttons()).toEqual(['Discard']);
      expect(document.activeElement?.textContent).toBe('Discard');
    },
  );

  it('discards on Escape', () => {
    const props = render(done);

    act(() => {
      document.activeElement?.dispatchEvent(
        new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }),
      );
    });

    expect(props.onDiscard).toHaveBeenCalled();
  });
});

describe('describeEntity', () => {
  it('names links, pages, documents and images', () => {
    expect(describeEntity('link:https://a.test/b')).toBe('https://a.test/b');
    expect(describeEntity('document:7')).toBe('link to document 7');
    expect(describeEntity('image:5')).toBe('image 5');
  });
});
