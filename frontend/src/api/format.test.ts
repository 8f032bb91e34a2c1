import { afterEach, describe, expect, it, vi } from 'vitest';

import { formatQuota, formatRetryAfter } from './format';
import type { Quota } from './types';

const HOUR = 3600;

function quota(overrides: Partial<Quota>): Quota {
  return { limit: 10, remaining: 7, reset: 20 * 60, tier: 'user', ...overrides };
}

afterEach(() => {
  vi.useRealTimers();
  document.documentElement.lang = '';
});

describe('formatQuota', () => {
  it('counts requests left this hour when the quota resets within the hour', () => {
    expect(formatQuota(quota({}))).toBe('7 of 10 AI requests left this hour');
  });

  it('counts requests left today when the quota resets within a day', () => {
    expect(formatQuota(quota({ remaining: 42, limit: 50, reset: 5 * HOUR }))).toBe(
      '42 of 50 AI requests left today',
    );
  });

  it('names the day a longer quota resets', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2025-07-14T09:00:00Z'));
    document.documentElement.lang = 'en-GB';

    expect(formatQuota(quota({ remaining: 90, limit: 100, reset: 3 * 24 * HOUR }))).toBe(
      '90 of 100 AI requests left until Thu 17 Jul',
    );
  });

  it('uses the singular for a limit of one', () => {
    expect(formatQuota(quota({ remaining: 1, limit: 1 }))).toBe('1 of 1 AI request left this hour');
  });

  it('says when nothing is left and how long to wait', () => {
    expect(formatQuota(quota({ remaining: 0, reset: 125 }))).toBe(
      'No AI requests left. Try again in 3 minutes',
    );
  });

  it('says when there is no limit', () => {
    expect(formatQuota(quota({ limit: null, remaining: null }))).toBe('Unlimited AI requests');
  });

  it('never shows more left than the limit, or fewer than none', () => {
    expect(formatQuota(quota({ remaining: 12 }))).toBe('10 of 10 AI requests left this hour');
    expect(formatQuota(quota({ remaining: -1, reset: 30 }))).toBe(
      'No AI requests left. Try again in 30 seconds',
    );
  });

  it('uses the translator it is given', () => {
    const t = {
      gettext: (msgid: string) => `[${msgid}]`,
      ngettext: (singular: string, plural: string, count: number) =>
        `[${count === 1 ? singular : plural}]`,
    };

    expect(formatQuota(quota({}), t)).toBe('[7 of 10 AI requests left this hour]');
    expect(formatQuota(quota({ remaining: 0, reset: 60 }), t)).toBe(
      '[No AI requests left. [Try again in 1 minute]]',
    );
  });
});

describe('formatRetryAfter', () => {
  it.each([
    [1, 'Try again in 1 second'],
    [0.2, 'Try again in 1 second'],
    [45, 'Try again in 45 seconds'],
    [60, 'Try again in 1 minute'],
    [61, 'Try again in 2 minutes'],
    [180, 'Try again in 3 minutes'],
    [HOUR, 'Try again in 60 minutes'],
    [90 * 60, 'Try again in 90 minutes'],
    [90 * 60 + 1, 'Try again in 2 hours'],
    [5 * HOUR, 'Try again in 5 hours'],
    [36 * HOUR, 'Try again in 36 hours'],
    [3 * 24 * HOUR, 'Try again in 3 days'],
    [0, 'Try again now'],
    [-5, 'Try again now'],
    [null, 'Try again later'],
    [Number.NaN, 'Try again later'],
  ])('formats %s seconds as "%s"', (seconds, expected) => {
    expect(formatRetryAfter(seconds)).toBe(expected);
  });

  it("goes through Django's JavaScript catalog when the page has one", () => {
    vi.stubGlobal('ngettext', (_singular: string, _plural: string, count: number) =>
      count === 1
        ? 'Versuche es in %(count)s Minute erneut'
        : 'Versuche es in %(count)s Minuten erneut',
    );

    expect(formatRetryAfter(180)).toBe('Versuche es in 3 Minuten erneut');
  });
});
