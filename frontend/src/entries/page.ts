/**
 * The `page` bundle: page-level AI in the page editor.
 *
 * - `wab-review`: "Review with AI" in the Checks side panel (its code loads on first use).
 * - `wab-related-pages`: "Suggest related pages" under a `RelatedPagesPanel`.
 *
 * Loaded on every page editor by the `insert_editor_js` hook and as the
 * related pages panel's media; loading it twice registers once.
 */

import type { Application } from '@hotwired/stimulus';

import { RelatedPagesController } from '../related/related_controller';
import { ReviewController } from '../review/review_controller';

declare global {
  interface Window {
    wagtail?: { app?: Application };
    wagtailAIBlocksPage?: true;
  }
}

function start(): boolean {
  const app = window.wagtail?.app;
  if (!app) return false;
  if (!window.wagtailAIBlocksPage) {
    app.register('wab-review', ReviewController);
    app.register('wab-related-pages', RelatedPagesController);
    window.wagtailAIBlocksPage = true;
  }
  return true;
}

if (document.readyState === 'loading' || !start()) {
  document.addEventListener(
    'DOMContentLoaded',
    () => {
      start();
    },
    { once: true },
  );
}
