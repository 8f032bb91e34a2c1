import { describe, expect, it, vi } from 'vitest';

import { AIRequestError, announceQuota, onQuotaAnnounced } from '../api';
import { pageQuota, QuotaStore, resetPageQuota, type QuotaState } from './quota';

const quota = { limit: 10, remaining: 7, reset: 1800, tier: 'user' };

describe('QuotaStore', () => {
  it('loads the allowance once and tells its listeners', async () => {
    const load = vi.fn().mockResolvedValue(quota);
    const store = new QuotaStore(load);
    const seen: QuotaState[] = [];
    store.subscribe((state) => seen.push(state));

    await Promise.all([store.refresh(), store.refresh()]);

    expect(load).toHaveBeenCalledOnce();
    expect(seen).toEqual([{ status: 'ready', quota }]);
    expect(store.current).toEqual({ status: 'ready', quota });
  });

  it('is forbidden after a 403, and stays so', async () => {
    const load = vi
      .fn()
      .mockRejectedValue(new AIRequestError('No.', { status: 403, code: 'permission_denied' }));
    const store = new QuotaStore(load);

    await store.refresh();
    await store.refresh({ force: true });
    store.update(quota);

    expect(store.current).toEqual({ status: 'forbidden' });
    expect(load).toHaveBeenCalledOnce();
  });

  it('is not forbidden by a CSRF failure (a reload fixes that)', async () => {
    const store = new QuotaStore(() =>
      Promise.reject(new AIRequestError('Reload.', { status: 403, code: 'csrf_failed' })),
    );

    await store.refresh();

    expect(store.current).toEqual({ status: 'unknown' });
  });

  it('keeps AI available when the allowance cannot be read', async () => {
    const store = new QuotaStore(() =>
      Promise.reject(new AIRequestError('Down.', { status: 503, code: 'limiter_unavailable' })),
    );

    await store.refresh();

    expect(store.current).toEqual({ status: 'unknown' });
  });

  it('takes the allowance an answer reports, and stops telling a listener that left', () => {
    const store = new QuotaStore(() => Promise.resolve(quota));
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);

    store.update({ ...quota, remaining: 6 });
    unsubscribe();
    store.update({ ...quota, remaining: 5 });

    expect(listener).toHaveBeenCalledOnce();
    expect(store.current).toEqual({ status: 'ready', quota: { ...quota, remaining: 5 } });
  });
});

describe('QuotaStore and the rest of the page', () => {
  it('announces the allowance from an answer to the other AI controls', () => {
    const store = new QuotaStore(() => Promise.resolve(quota));
    const heard: unknown[] = [];
    const stop = onQuotaAnnounced((value) => heard.push(value));

    store.update({ ...quota, remaining: 6 });
    stop();

    expect(heard).toEqual([{ ...quota, remaining: 6 }]);
  });

  it('shows an allowance announced by a field panel', () => {
    resetPageQuota();
    const store = pageQuota({
      urls: { generate: '/g/', stream: '/s/', quota: '/q/' },
      provider: { provider: 'OpenAI', model: 'm' },
    });

    announceQuota({ ...quota, remaining: 2 });

    expect(store.current).toEqual({ status: 'ready', quota: { ...quota, remaining: 2 } });
  });
});

describe('a control added after an answer elsewhere on the page', () => {
  const config = {
    urls: { generate: '/g/', stream: '/s/', quota: '/q/' },
    provider: { provider: 'OpenAI', model: 'm' },
  };
  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json' },
    });

  it('starts from the announced quota, with one request per page', async () => {
    resetPageQuota();
    const fetchMock = vi.fn(() => Promise.resolve(json({ quota, tiers: [], provider: {} })));
    vi.stubGlobal('fetch', fetchMock);
    await pageQuota(config).refresh();

    // Another bundle (the toolbar, a field panel) announces an answer's quota.
    announceQuota({ ...quota, remaining: 1 });
    const later = pageQuota(config);
    await later.refresh();

    expect(later.current).toEqual({ status: 'ready', quota: { ...quota, remaining: 1 } });
    expect(fetchMock).toHaveBeenCalledOnce();
    vi.unstubAllGlobals();
  });

  it('stays hidden for a user who may not use AI', async () => {
    resetPageQuota();
    vi.stubGlobal(
      'fetch',
      vi.fn(() =>
        Promise.resolve(json({ error: { code: 'permission_denied', message: 'No.' } }, 403)),
      ),
    );
    await pageQuota(config).refresh();

    announceQuota({ ...quota, remaining: 1 });

    expect(pageQuota(config).current).toEqual({ status: 'forbidden' });
    vi.unstubAllGlobals();
  });
});
