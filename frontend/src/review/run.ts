/**
 * The review itself, loaded on first use (the `review` bundle): post the edit
 * form as it is now, show the answer, and wire "Show" and "Apply".
 *
 * The edit form goes as `FormData`, exactly as Wagtail's preview posts it, so
 * unsaved changes are reviewed. A failed request changes nothing on the page:
 * the status says why (the API's error words, with how long to wait after a
 * limit), and an earlier review stays usable.
 */

import { announceQuota, errorMessage, offlineNote, postForm, readConfig } from '../api';
import { invalidResponseError } from '../api/errors';
import { editForm, pageUrl } from '../page/urls';
import { isApplePlatform } from '../draftail/shortcut';
import { gettext, interpolate, loadTranslations } from '../i18n';
import { applyImprovement } from './apply';
import { findField } from './fields';
import { clearHighlight, showText } from './show';
import { isReviewAnswer, type ReviewImprovement } from './types';
import { renderReview, reviewSummary, type ImprovementHandlers } from './view';

/** The parts of the section (`review_section.html`) the review fills in. */
export interface ReviewParts {
  button: HTMLButtonElement;
  status: HTMLElement;
  result: HTMLElement;
}

function notFound(improvement: ReviewImprovement): string {
  return interpolate(
    gettext(
      'The original text is no longer in “%(field)s”: it changed after the review. Nothing was replaced. Review the page again for current suggestions.',
    ),
    { field: improvement.label },
  );
}

function fieldGone(improvement: ReviewImprovement): string {
  return interpolate(gettext('“%(field)s” is no longer on the page.'), {
    field: improvement.label,
  });
}

function handlers(form: HTMLFormElement): ImprovementHandlers {
  return {
    show(improvement, outcome) {
      const field = findField(form, improvement.field);
      if (!field) {
        outcome.textContent = fieldGone(improvement);
        return;
      }
      outcome.textContent = showText(field, improvement.original)
        ? interpolate(gettext('Highlighted in “%(field)s”.'), { field: improvement.label })
        : notFound(improvement);
    },
    apply(improvement, outcome, button) {
      clearHighlight();
      const field = findField(form, improvement.field);
      if (!field) {
        outcome.textContent = fieldGone(improvement);
        return;
      }
      if (applyImprovement(field, improvement) === 'not_found') {
        outcome.textContent = notFound(improvement);
        return;
      }
      button.disabled = true;
      button.textContent = gettext('Applied');
      outcome.textContent = interpolate(
        gettext('Applied in “%(field)s”. Press %(undo)s there to undo it.'),
        { field: improvement.label, undo: isApplePlatform() ? '⌘Z' : 'Ctrl+Z' },
      );
    },
  };
}

export async function runReview({ button, status, result }: ReviewParts): Promise<void> {
  const config = readConfig();
  await loadTranslations(config.urls.jsi18n);
  const form = editForm();
  const url = form && config.urls.pages ? pageUrl(config.urls.pages, form, 'review') : null;
  if (!form || !url) return;

  button.disabled = true;
  result.setAttribute('aria-busy', 'true');
  status.classList.remove('w-sr-only');
  status.textContent = gettext('Reviewing the page…');
  try {
    const answer = await postForm(config, url, new FormData(form));
    if (!isReviewAnswer(answer)) throw invalidResponseError(200);
    if (answer.quota) announceQuota(answer.quota);
    clearHighlight();
    result.replaceChildren(...renderReview(answer, handlers(form), offlineNote(config)));
    status.textContent = reviewSummary(answer);
    // Read out, not shown: the score and the list say the same on screen.
    status.classList.add('w-sr-only');
    button.textContent = gettext('Review again');
  } catch (error) {
    status.textContent = errorMessage(error);
  } finally {
    button.disabled = false;
    result.removeAttribute('aria-busy');
  }
}
