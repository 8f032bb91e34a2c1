/**
 * Wagtail's Draft.js, read from `window.DraftJS` when needed.
 *
 * Not imported: an import would read the global once, when a bundle loads,
 * and an AI panel's media can load before Wagtail's Draftail script defines it.
 */

import type * as DraftJSModule from 'draft-js';

export type DraftJS = typeof DraftJSModule;

declare global {
  interface Window {
    DraftJS?: DraftJS;
  }
}

/** Wagtail's Draft.js, or `null` on a page without rich text. */
export function draftJS(): DraftJS | null {
  return window.DraftJS ?? null;
}

/** Wagtail's Draft.js, where a Draftail editor is known to be on the page. */
export function requireDraftJS(): DraftJS {
  const draft = draftJS();
  if (!draft) throw new Error('Draft.js is not on this page (window.DraftJS).');
  return draft;
}
