import { describe, expect, it } from 'vitest';

import { pageUrl } from './urls';

function form(action: string): HTMLFormElement {
  const element = document.createElement('form');
  element.setAttribute('action', action);
  return element;
}

describe('pageUrl', () => {
  const pages = '/admin/ai-blocks/api/v1/pages/';

  it('names the page being edited', () => {
    expect(pageUrl(pages, form('/admin/pages/5/edit/'), 'review')).toBe(`${pages}5/review`);
  });

  it('names the type and parent of a page being created', () => {
    expect(pageUrl(pages, form('/admin/pages/add/blog/blogpage/3/'), 'related')).toBe(
      `${pages}new/blog/blogpage/3/related`,
    );
  });

  it('refuses other forms', () => {
    expect(pageUrl(pages, form('/admin/snippets/blog/author/edit/1/'), 'review')).toBeNull();
  });
});
