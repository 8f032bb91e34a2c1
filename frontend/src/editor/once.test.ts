import { afterEach, describe, expect, it } from 'vitest';

import { loadOnce } from './once';

afterEach(() => {
  document.head.innerHTML = '';
  document.body.innerHTML = '';
});

describe('loadOnce', () => {
  it('adds only what the form media did not bring, whatever the version query', () => {
    document.body.innerHTML = `
      <script src="/static/wab/js/panel.js?v=abc"></script>
      <link rel="stylesheet" href="/static/wab/css/panel.css?v=abc">`;

    const added = loadOnce([
      '/static/wab/js/panel.js?v=abc',
      '/static/wab/css/panel.css?v=abc',
      '/static/wab/js/page.js?v=abc',
      '/static/wab/css/page.css?v=abc',
    ]);

    expect(added).toEqual(['/static/wab/js/page.js?v=abc', '/static/wab/css/page.css?v=abc']);
    expect(document.querySelectorAll('script[src*="panel.js"]')).toHaveLength(1);
    expect(document.head.querySelector('script')?.getAttribute('src')).toBe(
      '/static/wab/js/page.js?v=abc',
    );
    expect(document.head.querySelector('link')?.getAttribute('rel')).toBe('stylesheet');
  });

  it('adds a file listed twice, or by a second hook, once', () => {
    loadOnce(['/static/wab/js/page.js', '/static/wab/js/page.js']);
    loadOnce(['/static/wab/js/page.js?v=2']);

    expect(document.querySelectorAll('script')).toHaveLength(1);
  });
});
