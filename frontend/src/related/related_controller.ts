/**
 * `wab-related-pages`: "Suggest related pages" under a list of page links.
 *
 * Posts the edit form (the page as it is now, unsaved) with the pages already
 * listed to exclude; shows the suggestions, each with "Add", and says which
 * backend answered (embeddings or Wagtail search). Rendered by
 * `RelatedPagesPanel` (wagtail_ai_blocks/related/panels.py).
 *
 * @example
 * <div data-controller="wab-related-pages"
 *      data-wab-related-pages-url-value="/admin/ai-blocks/api/v1/pages/5/related"
 *      data-wab-related-pages-prefix-value="related_pages"
 *      data-wab-related-pages-field-value="related_page">
 *   <button data-action="wab-related-pages#suggest" data-wab-related-pages-target="button">…</button>
 *   <div data-wab-related-pages-target="status"></div>
 *   <ul data-wab-related-pages-target="list" hidden></ul>
 * </div>
 */

import { Controller } from '@hotwired/stimulus';

import { AIRequestError, postForm, readConfig } from '../api';
import { gettext, interpolate, loadTranslations } from '../i18n';
import { addPage, listedPageIds } from './inline_panel';
import { isRelatedAnswer, type RelatedSuggestion } from './types';

export class RelatedPagesController extends Controller<HTMLElement> {
  static override values = { url: String, prefix: String, field: String };
  static override targets = ['button', 'status', 'list'];

  declare urlValue: string;
  declare prefixValue: string;
  declare fieldValue: string;
  declare buttonTarget: HTMLButtonElement;
  declare statusTarget: HTMLElement;
  declare listTarget: HTMLUListElement;

  private get formsetPrefix(): string {
    return `id_${this.prefixValue}`;
  }

  async suggest(): Promise<void> {
    const form = this.element.closest('form');
    if (!form) return;
    const config = readConfig();
    await loadTranslations(config.urls.jsi18n);
    const exclude = listedPageIds(document, this.formsetPrefix, this.fieldValue);
    this.buttonTarget.disabled = true;
    this.statusTarget.textContent = gettext('Looking for related pages…');
    try {
      const answer = await postForm(
        config,
        `${this.urlValue}?exclude=${exclude.join(',')}`,
        new FormData(form),
      );
      if (!isRelatedAnswer(answer)) throw new Error('Unexpected answer');
      this.show(answer.suggestions);
      const source = interpolate(gettext('Suggested by %(source)s.'), {
        source: answer.answered_by,
      });
      this.statusTarget.textContent = [
        answer.suggestions.length ? source : gettext('No related pages found.'),
        answer.note,
      ]
        .filter(Boolean)
        .join(' ');
    } catch (error) {
      this.statusTarget.textContent =
        error instanceof AIRequestError
          ? error.message
          : gettext('Something went wrong. Try again.');
    } finally {
      this.buttonTarget.disabled = false;
    }
  }

  private show(suggestions: RelatedSuggestion[]): void {
    const list = this.listTarget;
    list.replaceChildren();
    for (const suggestion of suggestions) {
      const item = document.createElement('li');
      item.className = 'wab-related__item';
      const title = document.createElement('span');
      title.className = 'wab-related__title';
      title.textContent = suggestion.title;
      const add = document.createElement('button');
      add.type = 'button';
      add.className = 'button button-small button-secondary wab-related__add';
      add.textContent = gettext('Add');
      add.setAttribute(
        'aria-label',
        interpolate(gettext('Add “%(title)s”'), { title: suggestion.title }),
      );
      add.addEventListener('click', () => {
        this.add(suggestion, item);
      });
      item.append(title, add);
      list.append(item);
    }
    list.hidden = suggestions.length === 0;
  }

  private add(suggestion: RelatedSuggestion, item: HTMLLIElement): void {
    addPage(document, this.formsetPrefix, this.fieldValue, {
      id: suggestion.id,
      title: suggestion.title,
      editUrl: suggestion.edit_url,
    });
    item.remove();
    this.listTarget.hidden = this.listTarget.children.length === 0;
    this.statusTarget.textContent = interpolate(gettext('Added “%(title)s”.'), {
      title: suggestion.title,
    });
  }
}
