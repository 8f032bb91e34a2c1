/**
 * The `draftail` bundle: the inline AI toolbar of rich text fields.
 *
 * Loaded as the media of the `ai` rich text feature
 * (`wagtail_ai_blocks/draftail.py`), after Wagtail's own `draftail.js`, on
 * pages with an AI-enabled editor. Registers the two controls the feature
 * lists in each editor's options: the toolbar button and its host.
 */

import { AIButton } from '../draftail/AIButton';
import { AIHost } from '../draftail/AIHost';
import { BUTTON_CONTROL, HOST_CONTROL } from '../draftail/field';

interface WagtailDraftail {
  registerPlugin: (plugin: Record<string, unknown>, optionName?: string) => unknown;
}

declare global {
  interface Window {
    /** Wagtail's Draftail integration (`wagtailadmin/js/draftail.js`). */
    draftail?: WagtailDraftail;
  }
}

function register(draftail: WagtailDraftail): void {
  draftail.registerPlugin({ type: BUTTON_CONTROL, inline: AIButton }, 'controls');
  draftail.registerPlugin({ type: HOST_CONTROL, meta: AIHost }, 'controls');
}

if (window.draftail) {
  register(window.draftail);
} else {
  // Loaded before Wagtail's script after all: editors start on DOMContentLoaded at the earliest.
  document.addEventListener('DOMContentLoaded', () => {
    if (window.draftail) register(window.draftail);
  });
}
