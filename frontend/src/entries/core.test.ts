import { beforeEach, describe, expect, it, vi } from 'vitest';

beforeEach(() => {
  delete window.wagtailAIBlocks;
  vi.resetModules();
});

describe('the core bundle', () => {
  it('exposes the API client as window.wagtailAIBlocks', async () => {
    await import('./core');

    const global = window.wagtailAIBlocks;
    expect(global?.api.generate).toBeTypeOf('function');
    expect(global?.api.stream).toBeTypeOf('function');
    expect(global?.api.getQuota).toBeTypeOf('function');
    expect(global?.readConfig).toBeTypeOf('function');
    expect(global?.formatRetryAfter(120)).toBe('Try again in 2 minutes');
  });

  it('keeps the first copy when loaded twice', async () => {
    await import('./core');
    const first = window.wagtailAIBlocks;
    vi.resetModules();
    await import('./core');

    expect(window.wagtailAIBlocks).toBe(first);
  });
});
