import { afterEach, describe, expect, it } from 'vitest';

import { pageContext } from './context';

afterEach(() => {
  document.body.innerHTML = '';
  delete window.wagtailConfig;
});

describe('pageContext', () => {
  it('reads the title, the page type and the only locale', () => {
    document.body.innerHTML = `
      <input id="id_title" value="  Caring for Monstera  ">
      <div data-side-panel="status"><div class="w-label-3"><strong>Blog page</strong></div></div>`;
    window.wagtailConfig = { LOCALES: [{ code: 'en', display_name: 'English' }] };

    expect(pageContext()).toEqual({
      page_title: 'Caring for Monstera',
      page_type: 'Blog page',
      locale: 'en',
    });
  });

  it('prefers the locale of the page being edited', () => {
    window.wagtailConfig = {
      ACTIVE_CONTENT_LOCALE: 'fr',
      LOCALES: [{ code: 'en' }, { code: 'fr' }],
    };

    expect(pageContext()).toEqual({ locale: 'fr' });
  });

  it('leaves out what the page does not show (a snippet without title, several locales)', () => {
    window.wagtailConfig = { LOCALES: [{ code: 'en' }, { code: 'fr' }] };

    expect(pageContext()).toEqual({});
  });
});
