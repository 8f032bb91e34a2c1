/**
 * Short, translated sentences about quotas and waiting times.
 *
 * Times are rounded up, so an editor is never told to retry too early.
 */

import { defaultTranslator, interpolate, type Translator } from '../i18n';
import type { Quota } from './types';

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * "7 of 10 AI requests left this hour", "No AI requests left. Try again in 3 minutes".
 *
 * The period ("this hour", "today") is inferred from how soon the quota resets.
 */
export function formatQuota(quota: Quota, t: Translator = defaultTranslator): string {
  const { limit, reset } = quota;
  if (limit === null) return t.gettext('Unlimited AI requests');

  const remaining = Math.max(0, Math.min(quota.remaining ?? limit, limit));
  if (remaining === 0) {
    return interpolate(t.gettext('No AI requests left. %(retry)s'), {
      retry: formatRetryAfter(reset, t),
    });
  }

  const values = { remaining, limit };
  if (reset <= HOUR) {
    return interpolate(
      t.ngettext(
        '%(remaining)s of %(limit)s AI request left this hour',
        '%(remaining)s of %(limit)s AI requests left this hour',
        limit,
      ),
      values,
    );
  }
  if (reset <= DAY) {
    return interpolate(
      t.ngettext(
        '%(remaining)s of %(limit)s AI request left today',
        '%(remaining)s of %(limit)s AI requests left today',
        limit,
      ),
      values,
    );
  }
  return interpolate(
    t.ngettext(
      '%(remaining)s of %(limit)s AI request left until %(reset)s',
      '%(remaining)s of %(limit)s AI requests left until %(reset)s',
      limit,
    ),
    { ...values, reset: formatResetDay(reset) },
  );
}

/**
 * "Try again in 3 minutes"; "Try again later" when the server gave no time (`null`).
 */
export function formatRetryAfter(
  seconds: number | null,
  t: Translator = defaultTranslator,
): string {
  if (seconds === null || !Number.isFinite(seconds)) return t.gettext('Try again later');
  if (seconds <= 0) return t.gettext('Try again now');

  if (seconds < MINUTE) {
    const count = Math.ceil(seconds);
    return interpolate(
      t.ngettext('Try again in %(count)s second', 'Try again in %(count)s seconds', count),
      { count },
    );
  }
  // Whole minutes up to an hour and a half: "in 2 hours" for 61 minutes would mislead.
  if (seconds <= 90 * MINUTE) {
    const count = Math.ceil(seconds / MINUTE);
    return interpolate(
      t.ngettext('Try again in %(count)s minute', 'Try again in %(count)s minutes', count),
      { count },
    );
  }
  if (seconds <= 36 * HOUR) {
    const count = Math.ceil(seconds / HOUR);
    return interpolate(
      t.ngettext('Try again in %(count)s hour', 'Try again in %(count)s hours', count),
      { count },
    );
  }
  const count = Math.ceil(seconds / DAY);
  return interpolate(
    t.ngettext('Try again in %(count)s day', 'Try again in %(count)s days', count),
    { count },
  );
}

/** The weekday and date the quota resets, in the editor's locale ("Mon 14 Jul"). */
function formatResetDay(seconds: number): string {
  const date = new Date(Date.now() + seconds * 1000);
  const locale = document.documentElement.lang || undefined;
  return date.toLocaleDateString(locale, { weekday: 'short', day: 'numeric', month: 'short' });
}
