import { Application } from '@hotwired/stimulus';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { loadReviewBundle, ReviewController } from './review_controller';

const CONFIG = (actions: string[]) => `
  <script type="application/json" id="wagtail-ai-blocks-config">
    {"urls": {"generate": "/g", "stream": "/s", "quota": "/q", "pages": "/api/pages/"},
     "provider": {"provider": "OpenAI", "model": "m"},
     "actions": ${JSON.stringify(actions.map((id) => ({ id })))}}
  </script>`;

const SECTION = `
  <form data-edit-form action="/admin/pages/5/edit/"></form>
  <section data-controller="wab-review" hidden data-wab-review-src-value="/static/review.js">
    <button data-action="wab-review#review" data-wab-review-target="button">Review this page</button>
    <div data-wab-review-target="status"></div>
    <div data-wab-review-target="result"></div>
  </section>`;

let application: Application;

async function start(html: string): Promise<HTMLElement> {
  document.body.innerHTML = html;
  application = Application.start();
  application.register('wab-review', ReviewController);
  await Promise.resolve();
  return document.querySelector('section')!;
}

beforeEach(() => {
  delete window.wagtailAIBlocksReview;
});

afterEach(() => {
  application.stop();
  for (const script of document.head.querySelectorAll('script')) script.remove();
});

describe('the wab-review controller', () => {
  it('shows the section when the site offers the review on a page editor', async () => {
    const section = await start(CONFIG(['shorten', 'review_page']) + SECTION);

    expect(section.hidden).toBe(false);
  });

  it('keeps it hidden when the review is not offered, or there is no config', async () => {
    expect((await start(CONFIG(['shorten']) + SECTION)).hidden).toBe(true);
    application.stop();
    expect((await start(SECTION)).hidden).toBe(true);
  });

  it('loads the review code on the first click and hands it the section', async () => {
    const section = await start(CONFIG(['review_page']) + SECTION);
    const runReview = vi.fn(() => Promise.resolve());

    section.querySelector('button')!.click();
    const script = document.head.querySelector<HTMLScriptElement>(
      'script[src="/static/review.js"]',
    )!;
    window.wagtailAIBlocksReview = { runReview };
    script.dispatchEvent(new Event('load'));
    await vi.waitFor(() => {
      expect(runReview).toHaveBeenCalledOnce();
    });

    expect(runReview).toHaveBeenCalledWith({
      button: section.querySelector('button'),
      status: section.querySelector('[data-wab-review-target=status]'),
      result: section.querySelector('[data-wab-review-target=result]'),
    });
  });

  it('says so when the review code cannot be loaded', async () => {
    const section = await start(CONFIG(['review_page']) + SECTION);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    section.dataset.wabReviewSrcValue = '/static/missing.js';

    section.querySelector('button')!.click();
    document.head
      .querySelector('script[src="/static/missing.js"]')!
      .dispatchEvent(new Event('error'));

    await vi.waitFor(() => {
      expect(section.querySelector('[data-wab-review-target=status]')?.textContent).toBe(
        'The review could not be loaded. Reload the page and try again.',
      );
    });
    expect(section.querySelector('button')!.disabled).toBe(false);
  });
});

describe('loadReviewBundle', () => {
  it('adds the script once however often it is asked for', () => {
    void loadReviewBundle('/static/once.js');
    void loadReviewBundle('/static/once.js');

    expect(document.head.querySelectorAll('script[src="/static/once.js"]')).toHaveLength(1);
  });
});
