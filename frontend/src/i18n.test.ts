import { describe, expect, it, vi } from 'vitest';

import { gettext, interpolate, loadTranslations, ngettext } from './i18n';

describe('without a Django JavaScript catalog', () => {
  it('returns the English string', () => {
    expect(gettext('Improve writing')).toBe('Improve writing');
  });

  it('picks the English singular or plural', () => {
    expect(ngettext('%s request', '%s requests', 1)).toBe('%s request');
    expect(ngettext('%s request', '%s requests', 0)).toBe('%s requests');
    expect(ngettext('%s request', '%s requests', 2)).toBe('%s requests');
  });

  it('fills named placeholders and leaves unknown ones alone', () => {
    expect(
      interpolate('%(remaining)s of %(limit)s left, %(other)s', { remaining: 7, limit: 10 }),
    ).toBe('7 of 10 left, %(other)s');
  });

  it('fills positional placeholders in order', () => {
    expect(interpolate('%s of %s', [7, 10])).toBe('7 of 10');
  });
});

describe('with a Django JavaScript catalog', () => {
  it('translates through the catalog loaded after this module', () => {
    vi.stubGlobal('gettext', (msgid: string) =>
      msgid === 'Improve writing' ? 'Text verbessern' : msgid,
    );

    expect(gettext('Improve writing')).toBe('Text verbessern');
  });

  it('lets the catalog choose the plural form', () => {
    const catalogNgettext = vi.fn(() => 'Anfragen');
    vi.stubGlobal('ngettext', catalogNgettext);

    expect(ngettext('request', 'requests', 5)).toBe('Anfragen');
    expect(catalogNgettext).toHaveBeenCalledWith('request', 'requests', 5);
  });

  it("uses Django's interpolate, telling it whether placeholders are named", () => {
    const djangoInterpolate = vi.fn(() => 'filled');
    vi.stubGlobal('interpolate', djangoInterpolate);

    expect(interpolate('%(a)s', { a: 1 })).toBe('filled');
    expect(djangoInterpolate).toHaveBeenLastCalledWith('%(a)s', { a: 1 }, true);
    interpolate('%s', [1]);
    expect(djangoInterpolate).toHaveBeenLastCalledWith('%s', [1], false);
  });
});

describe('loadTranslations', () => {
  it('adds the catalog script once and resolves when it loads', async () => {
    const first = loadTranslations('/admin/ai-blocks/jsi18n/');
    const second = loadTranslations('/admin/ai-blocks/jsi18n/');
    const scripts = document.querySelectorAll('script[data-wab-catalog]');
    expect(scripts).toHaveLength(1);
    expect(scripts[0]?.getAttribute('src')).toBe('/admin/ai-blocks/jsi18n/');
    scripts[0]?.dispatchEvent(new Event('load'));
    await expect(first).resolves.toBeUndefined();
    expect(second).toBe(first);
  });

  it('resolves (strings stay in English) when the catalog fails to load', async () => {
    const promise = loadTranslations('/missing/jsi18n/');
    document.querySelector('script[src="/missing/jsi18n/"]')?.dispatchEvent(new Event('error'));
    await expect(promise).resolves.toBeUndefined();
  });

  it('does nothing without a URL', async () => {
    await expect(loadTranslations(undefined)).resolves.toBeUndefined();
  });
});
