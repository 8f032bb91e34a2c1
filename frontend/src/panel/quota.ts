/**
 * The editor's AI allowance, shared by every AI field on the page: one
 * `GET quota` per page load, and every answer's quota passed to all of them.
 */

import {
  AIRequestError,
  announceQuota,
  getQuota,
  onQuotaAnnounced,
  type ClientConfig,
  type Quota,
} from '../api';

/** Dispatched on `document` with the latest `Quota` as `detail` (shared by every bundle). */
export { QUOTA_EVENT } from '../api';

export type QuotaState =
  | { status: 'available'; quota: Quota }
  /** The editor may not use AI (403, not a CSRF failure): hide the assistance. */
  | { status: 'forbidden' }
  /** The quota could not be read; generating may still work. */
  | { status: 'unknown' };

let loading: Promise<QuotaState> | null = null;
let stopListening: (() => void) | null = null;

/**
 * The allowance, fetched once per page, and from then on the newest one announced by
 * any AI control (the rich-text toolbar is another bundle): a field or block added
 * after an answer starts from that answer's quota, not the page load's.
 */
export function loadQuota(config: ClientConfig): Promise<QuotaState> {
  stopListening ??= onQuotaAnnounced((quota) => {
    void loading?.then((state) => {
      if (state.status !== 'forbidden') loading = Promise.resolve({ status: 'available', quota });
    });
  });
  loading ??= getQuota(config).then(
    (status): QuotaState => ({ status: 'available', quota: status.quota }),
    (error: unknown): QuotaState =>
      error instanceof AIRequestError && error.status === 403 && error.code !== 'csrf_failed'
        ? { status: 'forbidden' }
        : { status: 'unknown' },
  );
  return loading;
}

/** Tell every AI field on the page about a newer allowance. */
export function publishQuota(quota: Quota): void {
  loading = Promise.resolve({ status: 'available', quota });
  announceQuota(quota);
}

/** For tests: forget the page's allowance. */
export function resetQuota(): void {
  loading = null;
  stopListening?.();
  stopListening = null;
}
