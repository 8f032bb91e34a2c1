import { Application } from '@hotwired/stimulus';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { RelatedPagesController } from './related_controller';
import type { RelatedParts } from './suggest';

const SECTION = (src: string) => `
  <form>
    <div data-controller="wab-related-pages"
         data-wab-related-pages-src-value="${src}"
         data-wab-related-pages-url-value="/api/pages/5/related"
         data-wab-related-pages-prefix-value="related_pages"
         data-wab-related-pages-field-value="related_page">
      <button data-action="wab-related-pages#suggest" data-wab-related-pages-target="button">Suggest</button>
      <div data-wab-related-pages-target="status"></div>
      <ul data-wab-related-pages-target="list" hidden></ul>
    </div>
  </form>`;

let application: Application;

/** `src`: each test its own, as the page remembers what it loaded. */
async function start(src = '/static/related.js'): Promise<HTMLElement> {
  document.body.innerHTML = SECTION(src);
  application = Application.start();
  application.register('wab-related-pages', RelatedPagesController);
  await Promise.resolve();
  return document.querySelector('[data-controller]')!;
}

function script(src = '/static/related.js'): HTMLScriptElement | null {
  return document.head.querySelector(`script[src="${src}"]`);
}

beforeEach(() => {
  delete window.wagtailAIBlocksRelated;
});

afterEach(() => {
  application.stop();
  for (const element of document.head.querySelectorAll('script')) element.remove();
});

describe('the wab-related-pages controller', () => {
  it('loads the suggestions code on the first click only, and hands it the section', async () => {
    const section = await start();
    const made: RelatedParts[] = [];
    const suggest = vi.fn(() => Promise.resolve());
    class RelatedSuggestions {
      constructor(parts: RelatedParts) {
        made.push(parts);
      }
      suggest = suggest;
    }
    expect(script()).toBeNull();

    section.querySelector('button')!.click();
    window.wagtailAIBlocksRelated = {
      RelatedSuggestions: RelatedSuggestions as never,
    };
    script()!.dispatchEvent(new Event('load'));
    await vi.waitFor(() => {
      expect(suggest).toHaveBeenCalledTimes(1);
    });
    section.querySelector('button')!.click();
    await vi.waitFor(() => {
      expect(suggest).toHaveBeenCalledTimes(2);
    });

    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({
      element: section,
      url: '/api/pages/5/related',
      prefix: 'related_pages',
      field: 'related_page',
    });
    expect(document.head.querySelectorAll('script')).toHaveLength(1);
  });

  it('says so when the code cannot be loaded, and lets the editor try again', async () => {
    const section = await start('/static/related-failing.js');
    const button = section.querySelector('button')!;

    button.click();
    expect(button.disabled).toBe(true);
    script('/static/related-failing.js')!.dispatchEvent(new Event('error'));

    await vi.waitFor(() => {
      expect(section.querySelector('[data-wab-related-pages-target=status]')?.textContent).toBe(
        'The suggestions could not be loaded. Reload the page and try again.',
      );
    });
    expect(button.disabled).toBe(false);
  });
});
