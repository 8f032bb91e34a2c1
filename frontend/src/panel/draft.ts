/**
 * Wagtail's Draft.js, read from `window.DraftJS` when needed.
 *
 * Not imported: an import would read the global once, when this bundle loads,
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
