import { describe, expect, it, vi } from 'vitest';

import type { OfflineNote } from '../api';
import type { ReviewAnswer } from './types';
import { renderReview, reviewSummary } from './view';

const ANSWER: ReviewAnswer = {
  score: 'needs_work',
  observations: ['Clear topic.', 'Too short.', 'No conclusion.'],
  improvements: [
    {
      original: 'Wipe the leaves monthly.',
      suggested: 'Wipe the leaves every month.',
      why: 'Plainer.',
      field: 'body',
      label: 'Body',
      format: 'html',
      contentstate: null,
    },
  ],
  truncated: true,
  backend: 'openai',
  model: 'gpt-4o-mini',
  cache: 'miss',
};

function render(answer: ReviewAnswer = ANSWER, offline: OfflineNote | null = null) {
  const handlers = { show: vi.fn(), apply: vi.fn() };
  const root = document.createElement('div');
  root.append(...renderReview(answer, handlers, offline));
  document.body.replaceChildren(root);
  return { root, handlers };
}

describe('renderReview', () => {
  it('shows the score, the observations and each improvement with its changed words', () => {
    const { root } = render();

    expect(root.querySelector('.wab-review__score--needs_work')?.textContent).toBe(
      'Score: Needs work',
    );
    expect(
      [...root.querySelectorAll('.wab-review__observations li')].map((li) => li.textContent),
    ).toEqual(ANSWER.observations);
    const item = root.querySelector('.wab-review__improvement')!;
    expect(item.querySelector('.wab-review__field')?.textContent).toBe('Body');
    expect(item.querySelector('.wab-review__original')?.textContent).toBe(
      'OriginalWipe the leaves monthly.',
    );
    expect(item.querySelector('del')?.textContent).toBe('monthly');
    expect(item.querySelector('ins')?.textContent).toBe('every month');
    expect(item.querySelector('.wab-review__why')?.textContent).toBe('WhyPlainer.');
    expect(root.textContent).toContain('Reviewed by gpt-4o-mini.');
    expect(root.textContent).toContain('only its beginning was reviewed');
  });

  it('labels each improvement by its field and hands Show and Apply their improvement', () => {
    const { root, handlers } = render();
    const item = root.querySelector('li.wab-review__improvement')!;
    const [show, apply] = [...item.querySelectorAll('button')];

    expect(item.getAttribute('aria-labelledby')).toBe(item.querySelector('.wab-review__field')?.id);
    show!.click();
    apply!.click();

    expect(handlers.show).toHaveBeenCalledWith(ANSWER.improvements[0], expect.any(HTMLElement));
    expect(handlers.apply).toHaveBeenCalledWith(
      ANSWER.improvements[0],
      expect.any(HTMLElement),
      apply,
    );
    expect(item.querySelector('[role=status]')).not.toBeNull();
  });

  it('says under the score when the offline model wrote the review, and how to do better', () => {
    const { root } = render(ANSWER, {
      label: 'Offline model — rough drafts',
      help: 'Connect a provider.',
    });

    const note = root.querySelector('.wab-review__score + details.wab-offline-note')!;
    expect(note.querySelector('summary')?.textContent).toBe('Offline model — rough drafts');
    expect(note.querySelector('p')?.textContent).toBe('Connect a provider.');
    expect(render().root.querySelector('.wab-offline-note')).toBeNull();
  });

  it('says when there is nothing specific to change', () => {
    const { root } = render({ ...ANSWER, improvements: [], score: 'excellent' });

    expect(root.querySelector('ol')).toBeNull();
    expect(root.textContent).toContain('No specific changes to suggest for this page.');
  });
});

describe('reviewSummary', () => {
  it('gives the score and how many improvements', () => {
    expect(reviewSummary(ANSWER)).toBe('Review ready. Score: Needs work. 1 improvement.');
  });
});
