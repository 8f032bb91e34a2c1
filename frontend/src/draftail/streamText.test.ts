import { describe, expect, it } from 'vitest';

import { visibleText } from './streamText';

describe('visibleText', () => {
  it('shows streamed HTML as text, one line per block', () => {
    expect(visibleText('<p>Water <b>weekly</b>.</p><ul><li>Feed</li><li>Prune</li></ul>')).toBe(
      'Water weekly.\nFeed\nPrune',
    );
  });

  it('hides a tag that has only partly arrived', () => {
    expect(visibleText('<p>Water <b')).toBe('Water');
    expect(visibleText('<p>Water <a href="https://exa')).toBe('Water');
  });

  it('decodes entities, but not one that is still arriving', () => {
    expect(visibleText('<p>Salt &amp; pepper &#8212; &lt;b&gt;</p>')).toBe('Salt & pepper — <b>');
    expect(visibleText('<p>Salt &am')).toBe('Salt');
  });

  it('never shows the content of scripts or styles', () => {
    expect(visibleText('<p>Hi</p><script>alert(1)</script><style>p{}</style><p>there</p>')).toBe(
      'Hi\nthere',
    );
  });

  it('reads plain text answers as they are', () => {
    expect(visibleText('Just  some\ttext')).toBe('Just some text');
  });
});
