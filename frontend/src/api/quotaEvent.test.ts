import { describe, expect, it, vi } from 'vitest';

import { announceQuota, onQuotaAnnounced, QUOTA_EVENT } from './quotaEvent';

const quota = { limit: 10, remaining: 4, reset: 600, tier: 'user' };

describe('quota announcements', () => {
  it('reach every listener on the page until it stops listening', () => {
    const listener = vi.fn();
    const stop = onQuotaAnnounced(listener);

    announceQuota(quota);
    stop();
    announceQuota({ ...quota, remaining: 3 });

    expect(listener.mock.calls).toEqual([[quota]]);
  });

  it('are plain DOM events, so separate bundles can hear them', () => {
    const listener = vi.fn();
    document.addEventListener(QUOTA_EVENT, listener);

    announceQuota(quota);

    expect((listener.mock.calls[0]?.[0] as CustomEvent).detail).toEqual(quota);
    document.removeEventListener(QUOTA_EVENT, listener);
  });
});
