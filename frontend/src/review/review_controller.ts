/**
 * `wab-review`: "Review with AI" in the page editor's Checks side panel.
 *
 * Small on purpose, as it is in every page editor: it shows the section when
 * the site offers the review, and on the first click loads the review code
 * (the `review` bundle, `entries/review.ts`) and hands it the section.
 * Rendered by `wagtail_ai_blocks/feedback/review_section.html`.
 *
 * @example
 * <section data-controller="wab-review" hidden
 *          data-wab-review-src-value="/static/wagtail_ai_blocks/js/review.js?v=1">
 *   <button data-action="wab-review#review" data-wab-review-target="button">Review this page</button>
 *   <div role="status" data-wab-review-target="status"></div>
 *   <div data-wab-review-target="result"></div>
 * </section>
 */

import { Controller } from '@hotwired/stimulus';

import { readConfig } from '../api/config';
import { loadBundle } from '../editor/lazy';
import { gettext } from '../i18n';
import { editForm, pageUrl } from '../page/urls';
import { REVIEW_ACTION_ID } from './types';
import type { ReviewParts } from './run';

/** What the `review` bundle puts on `window`. */
export interface ReviewBundle {
  runReview(parts: ReviewParts): Promise<void>;
}

declare global {
  interface Window {
    wagtailAIBlocksReview?: ReviewBundle;
  }
}

/** Load the `review` bundle once per page. */
export function loadReviewBundle(src: string, doc: Document = document): Promise<ReviewBundle> {
  return loadBundle(src, () => window.wagtailAIBlocksReview, doc);
}

/** Whether the site offers the review to this user, on a page's edit or create view. */
function offered(): boolean {
  try {
    const config = readConfig();
    const actions: unknown = (config as { actions?: unknown }).actions;
    const form = editForm();
    return (
      Array.isArray(actions) &&
      actions.some((action: { id?: unknown }) => action.id === REVIEW_ACTION_ID) &&
      Boolean(form && config.urls.pages && pageUrl(config.urls.pages, form, 'review'))
    );
  } catch {
    return false;
  }
}

export class ReviewController extends Controller<HTMLElement> {
  static override values = { src: String };
  static override targets = ['button', 'status', 'result'];

  declare srcValue: string;
  declare buttonTarget: HTMLButtonElement;
  declare statusTarget: HTMLElement;
  declare resultTarget: HTMLElement;

  override connect(): void {
    this.element.hidden = !offered();
  }

  async review(): Promise<void> {
    let bundle: ReviewBundle;
    this.buttonTarget.disabled = true;
    try {
      bundle = await loadReviewBundle(this.srcValue);
    } catch {
      // The browser's console names the script that failed.
      this.statusTarget.textContent = gettext(
        'The review could not be loaded. Reload the page and try again.',
      );
      this.buttonTarget.disabled = false;
      return;
    }
    await bundle.runReview({
      button: this.buttonTarget,
      status: this.statusTarget,
      result: this.resultTarget,
    });
  }
}
