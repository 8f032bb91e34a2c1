import type { Application } from '@hotwired/stimulus';
import { beforeEach, describe, expect, it, vi } from 'vitest';

beforeEach(() => {
  vi.resetModules();
  delete window.wagtail;
  delete window.wagtailAIBlocksPage;
});

describe('the page bundle', () => {
  it('registers the review and related pages controllers once, and not the review itself', async () => {
    const register = vi.fn();
    window.wagtail = { app: { register } as unknown as Application };

    await import('./page');
    vi.resetModules();
    await import('./page');

    expect(register.mock.calls.map(([identifier]) => identifier as string)).toEqual([
      'wab-review',
      'wab-related-pages',
    ]);
    // The review's code is a bundle of its own, loaded on first use.
    expect(window.wagtailAIBlocksReview).toBeUndefined();
  });
});
