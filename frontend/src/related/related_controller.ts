/**
 * `wab-related-pages`: "Suggest related pages" under a list of page links.
 *
 * Small on purpose, as it is on every editor with a `RelatedPagesPanel`: on the
 * first click it loads the suggestions code (the `related` bundle,
 * `entries/related.ts` → `./suggest.ts`) and hands it the section. Rendered by
 * `RelatedPagesPanel` (wagtail_ai_blocks/related/panels.py).
 *
 * @example
 * <div data-controller="wab-related-pages"
 *      data-wab-related-pages-src-value="/static/wagtail_ai_blocks/js/related.js?v=1"
 *      data-wab-related-pages-url-value="/admin/ai-blocks/api/v1/pages/5/related"
 *      data-wab-related-pages-prefix-value="related_pages"
 *      data-wab-related-pages-field-value="related_page">
 *   <button data-action="wab-related-pages#suggest" data-wab-related-pages-target="button">…</button>
 *   <div data-wab-related-pages-target="status"></div>
 *   <ul data-wab-related-pages-target="list" hidden></ul>
 * </div>
 */

import { Controller } from '@hotwired/stimulus';

import { loadBundle } from '../editor/lazy';
import { gettext } from '../i18n';
import type { RelatedSuggestions, RelatedParts } from './suggest';

/** What the `related` bundle puts on `window`. */
export interface RelatedBundle {
  RelatedSuggestions: new (parts: RelatedParts) => RelatedSuggestions;
}

declare global {
  interface Window {
    wagtailAIBlocksRelated?: RelatedBundle;
  }
}

export class RelatedPagesController extends Controller<HTMLElement> {
  static override values = { src: String, url: String, prefix: String, field: String };
  static override targets = ['button', 'status', 'list'];

  declare srcValue: string;
  declare urlValue: string;
  declare prefixValue: string;
  declare fieldValue: string;
  declare buttonTarget: HTMLButtonElement;
  declare statusTarget: HTMLElement;
  declare listTarget: HTMLUListElement;

  private suggestions: RelatedSuggestions | null = null;

  async suggest(): Promise<void> {
    if (!this.suggestions) {
      let bundle: RelatedBundle;
      this.buttonTarget.disabled = true;
      try {
        bundle = await loadBundle(this.srcValue, () => window.wagtailAIBlocksRelated);
      } catch {
        // The browser's console names the script that failed.
        this.statusTarget.textContent = gettext(
          'The suggestions could not be loaded. Reload the page and try again.',
        );
        return;
      } finally {
        this.buttonTarget.disabled = false;
      }
      this.suggestions ??= new bundle.RelatedSuggestions({
        element: this.element,
        button: this.buttonTarget,
        status: this.statusTarget,
        list: this.listTarget,
        url: this.urlValue,
        prefix: this.prefixValue,
        field: this.fieldValue,
      });
    }
    await this.suggestions.suggest();
  }
}
