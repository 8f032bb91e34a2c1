/**
 * One DOM event carries the newest AI allowance between everything on the page.
 *
 * Our bundles (rich-text toolbar, field panels, blocks) are separate scripts with
 * their own module state, so they cannot share a store object; they share this
 * event instead. Whoever receives an answer announces its quota, and every other
 * AI control on the page shows the same number.
 */

import type { Quota } from './types';

export const QUOTA_EVENT = 'wab:quota';

export function announceQuota(quota: Quota, doc: Document = document): void {
  doc.dispatchEvent(new CustomEvent<Quota>(QUOTA_EVENT, { detail: quota }));
}

/** Call `listener` with every announced quota; returns the function that stops it. */
export function onQuotaAnnounced(
  listener: (quota: Quota) => void,
  doc: Document = document,
): () => void {
  const handle = (event: Event) => {
    listener((event as CustomEvent<Quota>).detail);
  };
  doc.addEventListener(QUOTA_EVENT, handle);
  return () => {
    doc.removeEventListener(QUOTA_EVENT, handle);
  };
}
