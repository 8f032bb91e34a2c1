/**
 * The `panel` bundle: registers the `wab-ai-field` Stimulus controller with
 * Wagtail's Stimulus application (`window.wagtail.app`).
 *
 * Loaded by `AIPanel` and the AI blocks as form media, and by the
 * `insert_editor_js` hook for panels inside InlinePanel children (whose media
 * Wagtail does not collect). Loading it twice registers the controller once.
 */

import type { Application } from '@hotwired/stimulus';

import { AIFieldController } from '../panel/ai_field_controller';
import { CONTROLLER } from '../panel/options';

declare global {
  interface Window {
    wagtail?: { app?: Application };
    /** Set once the controller is registered, so a second copy of this bundle does nothing. */
    wagtailAIBlocksPanel?: true;
  }
}

function register(): boolean {
  const app = window.wagtail?.app;
  if (!app) return false;
  if (!window.wagtailAIBlocksPanel) {
    app.register(CONTROLLER, AIFieldController);
    window.wagtailAIBlocksPanel = true;
  }
  return true;
}

// Wagtail's core.js normally runs first; if not, wait until the page is parsed.
if (!register()) {
  document.addEventListener('DOMContentLoaded', register, { once: true });
}
