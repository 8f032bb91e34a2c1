import { beforeEach, describe, expect, it, vi } from 'vitest';

import { announceQuota, type ClientConfig, type Quota } from '../api';
import { loadQuota, publishQuota, QUOTA_EVENT, resetQuota } from './quota';

const config: ClientConfig = {
  urls: { generate: '/g/', stream: '/s/', quota: '/q/' },
  provider: { provider: 'OpenAI', model: 'm' },
};
const quota: Quota = { limit: 10, remaining: 3, reset: 60, tier: 'user' };

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

beforeEach(() => {
  resetQuota();
});

describe('loadQuota', () => {
  it('asks the server once per page', async () => {
    const fetchMock = vi.fn(() => Promise.resolve(json({ quota, tiers: [], provider: {} })));
    vi.stubGlobal('fetch', fetchMock);

    const [first, second] = await Promise.all([loadQuota(config), loadQuota(config)]);

    expect(first).toEqual({ status: 'available', quota });
    expect(second).toBe(first);
    expect(fetchMock).toHaveBeenCalledOnce();
  });

  it('reports a 403 as forbidden, but not a CSRF failure', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() =>
        Promise.resolve(json({ error: { code: 'permission_denied', message: 'No.' } }, 403)),
      ),
    );
    expect(await loadQuota(config)).toEqual({ status: 'forbidden' });

    resetQuota();
    vi.stubGlobal(
      'fetch',
      vi.fn(() =>
        Promise.resolve(json({ error: { code: 'csrf_failed', message: 'Reload.' } }, 403)),
      ),
    );
    expect(await loadQuota(config)).toEqual({ status: 'unknown' });
  });
});

describe('publishQuota', () => {
  it('tells every field, and later loads get the newer allowance', async () => {
    const listener = vi.fn();
    document.addEventListener(QUOTA_EVENT, listener);
    const newer = { ...quota, remaining: 2 };

    publishQuota(newer);

    expect((listener.mock.calls[0]?.[0] as CustomEvent<Quota>).detail).toEqual(newer);
    expect(await loadQuota(config)).toEqual({ status: 'available', quota: newer });
    document.removeEventListener(QUOTA_EVENT, listener);
  });
});

describe('a field added after an answer elsewhere on the page', () => {
  it('starts from the quota the toolbar announced, not the one read at page load', async () => {
    const fetchMock = vi.fn(() => Promise.resolve(json({ quota, tiers: [], provider: {} })));
    vi.stubGlobal('fetch', fetchMock);
    expect(await loadQuota(config)).toEqual({ status: 'available', quota });

    // The rich-text toolbar (another bundle) announces an answer's quota.
    const newer = { ...quota, remaining: 1 };
    announceQuota(newer);
    await Promise.resolve();

    expect(await loadQuota(config)).toEqual({ status: 'available', quota: newer });
    expect(fetchMock).toHaveBeenCalledOnce();
  });

  it('stays hidden for a user who may not use AI', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() =>
        Promise.resolve(json({ error: { code: 'permission_denied', message: 'No.' } }, 403)),
      ),
    );
    expect(await loadQuota(config)).toEqual({ status: 'forbidden' });

    announceQuota({ ...quota, remaining: 1 });
    await Promise.resolve();

    expect(await loadQuota(config)).toEqual({ status: 'forbidden' });
  });
});
