import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { QUOTA_EVENT } from '../api';
import { runReview, type ReviewParts } from './run';

const ANSWER = {
  score: 'adequate',
  observations: ['One.', 'Two.', 'Three.'],
  improvements: [
    {
      original: 'Light and water.',
      suggested: 'Light, water and support.',
      why: 'Complete.',
      field: 'intro',
      label: 'Intro',
      format: 'text',
      contentstate: null,
    },
  ],
  truncated: false,
  backend: 'openai',
  model: 'gpt-4o-mini',
  cache: 'miss',
  quota: { limit: 10, remaining: 9, reset: 3600, tier: 'user' },
};

function page(): ReviewParts {
  document.body.innerHTML = `
    <script type="application/json" id="wagtail-ai-blocks-config">
      {"urls": {"generate": "/g", "stream": "/s", "quota": "/q", "pages": "/api/pages/"},
       "provider": {"provider": "OpenAI", "model": "gpt-4o-mini"}, "csrfToken": "t",
       "actions": [{"id": "review_page"}]}
    </script>
    <form data-edit-form action="/admin/pages/5/edit/">
      <textarea name="intro">Light and water.</textarea>
    </form>
    <button></button><div role="status"></div><div class="result"></div>`;
  return {
    button: document.querySelector('button')!,
    status: document.querySelector('[role=status]')!,
    result: document.querySelector('.result')!,
  };
}

function respond(status: number, body: unknown, headers: Record<string, string> = {}) {
  const fetch = vi.fn(() =>
    Promise.resolve(
      new Response(JSON.stringify(body), {
        status,
        headers: { 'Content-Type': 'application/json', ...headers },
      }),
    ),
  );
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

beforeEach(() => {
  Object.defineProperty(document, 'execCommand', { value: () => false, configurable: true });
});

afterEach(() => {
  document.body.innerHTML = '';
});

describe('runReview', () => {
  it('posts the edit form as it is now and shows the review', async () => {
    const parts = page();
    document.querySelector('textarea')!.value = 'Light and water. Unsaved.';
    const fetch = respond(200, ANSWER);
    const quotas: unknown[] = [];
    document.addEventListener(QUOTA_EVENT, (event) => quotas.push((event as CustomEvent).detail));

    await runReview(parts);

    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/pages/5/review');
    expect((init.body as FormData).get('intro')).toBe('Light and water. Unsaved.');
    expect(parts.status.textContent).toBe('Review ready. Score: Adequate. 1 improvement.');
    expect(parts.status.classList.contains('w-sr-only')).toBe(true);
    expect(parts.result.querySelectorAll('.wab-review__improvement')).toHaveLength(1);
    expect(parts.button.textContent).toBe('Review again');
    expect(parts.button.disabled).toBe(false);
    expect(quotas).toEqual([ANSWER.quota]);
  });

  it('applies an improvement through its button and says how to undo it', async () => {
    const parts = page();
    respond(200, ANSWER);
    await runReview(parts);

    parts.result.querySelector<HTMLButtonElement>('.button:not(.button-secondary)')!.click();

    expect(document.querySelector('textarea')!.value).toBe('Light, water and support.');
    expect(parts.result.querySelector('.wab-review__outcome')?.textContent).toMatch(
      /^Applied in “Intro”\. Press (Ctrl\+Z|⌘Z) there to undo it\.$/,
    );
  });

  it.each([
    [
      429,
      {
        error: {
          code: 'rate_limited',
          message: 'You have used all your AI requests for now. Try again in 2 minutes.',
        },
      },
      { 'Retry-After': '120' },
      'You have used all your AI requests for now. Try again in 2 minutes.',
    ],
    [
      429,
      '<html>Too Many Requests</html>',
      { 'Retry-After': '120', 'Content-Type': 'text/html' },
      'Too many AI requests. Wait a moment and try again. Try again in 2 minutes',
    ],
    [
      422,
      {
        error: {
          code: 'invalid_answer',
          message: 'The AI service answered in a form that could not be read.',
        },
      },
      {},
      'The AI service answered in a form that could not be read.',
    ],
    [
      503,
      {
        error: {
          code: 'provider_rate_limited',
          message: 'The AI service is busy. Try again in a moment.',
          retry_after: 20,
        },
      },
      {},
      'The AI service is busy. Try again in a moment. Try again in 20 seconds',
    ],
  ])('says what went wrong on a %s and changes nothing', async (status, body, headers, says) => {
    const parts = page();
    parts.result.innerHTML = '<p>An earlier review</p>';
    respond(status, body, headers);

    await runReview(parts);

    expect(parts.status.textContent).toBe(says);
    expect(parts.status.classList.contains('w-sr-only')).toBe(false);
    expect(parts.result.innerHTML).toBe('<p>An earlier review</p>');
    expect(document.querySelector('textarea')!.value).toBe('Light and water.');
    expect(parts.button.disabled).toBe(false);
  });

  it('treats an answer that is not a review as an unexpected answer', async () => {
    const parts = page();
    respond(200, { score: 'great' });

    await runReview(parts);

    expect(parts.status.textContent).toBe(
      'The server sent an unexpected answer. Reload the page and try again.',
    );
  });
});
