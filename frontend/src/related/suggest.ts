/**
 * "Suggest related pages" under a list of page links: the `related` bundle,
 * loaded by the `wab-related-pages` controller (page bundle) on the first click.
 *
 * Posts the edit form (the page as it is now, unsaved) with the pages already
 * listed to exclude; shows the suggestions, each with "Add", and says which
 * backend answered (embeddings or Wagtail search).
 */

import { AIRequestError, postForm, readConfig } from '../api';
import { gettext, interpolate, loadTranslations } from '../i18n';
import { addPage, listedPageIds } from './inline_panel';
import { isRelatedAnswer, type RelatedSuggestion } from './types';

/** The `related` bundle's parts of one "Suggest related pages" section. */
export interface RelatedParts {
  element: HTMLElement;
  button: HTMLButtonElement;
  status: HTMLElement;
  list: HTMLUListElement;
  /** The suggest endpoint of this page. */
  url: string;
  /** The InlinePanel's formset prefix ("related_pages"). */
  prefix: string;
  /** The page chooser's field name in each child form. */
  field: string;
}

/** "Suggest related pages": asks, shows the suggestions, and adds the chosen ones. */
export class RelatedSuggestions {
  constructor(private readonly parts: RelatedParts) {}

  private get formsetPrefix(): string {
    return `id_${this.parts.prefix}`;
  }

  async suggest(): Promise<void> {
    const form = this.parts.element.closest('form');
    if (!form) return;
    const config = readConfig();
    await loadTranslations(config.urls.jsi18n);
    const exclude = listedPageIds(document, this.formsetPrefix, this.parts.field);
    this.parts.button.disabled = true;
    this.parts.status.textContent = gettext('Looking for related pages…');
    try {
      const answer = await postForm(
        config,
        `${this.parts.url}?exclude=${exclude.join(',')}`,
        new FormData(form),
      );
      if (!isRelatedAnswer(answer)) throw new Error('Unexpected answer');
      this.show(answer.suggestions);
      const source = interpolate(gettext('Suggested by %(source)s.'), {
        source: answer.answered_by,
      });
      this.parts.status.textContent = [
        answer.suggestions.length ? source : gettext('No related pages found.'),
        answer.note,
      ]
        .filter(Boolean)
        .join(' ');
    } catch (error) {
      this.parts.status.textContent =
        error instanceof AIRequestError
          ? error.message
          : gettext('Something went wrong. Try again.');
    } finally {
      this.parts.button.disabled = false;
    }
  }

  private show(suggestions: RelatedSuggestion[]): void {
    const list = this.parts.list;
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
    addPage(document, this.formsetPrefix, this.parts.field, {
      id: suggestion.id,
      title: suggestion.title,
      editUrl: suggestion.edit_url,
    });
    item.remove();
    this.parts.list.hidden = this.parts.list.children.length === 0;
    this.parts.status.textContent = interpolate(gettext('Added “%(title)s”.'), {
      title: suggestion.title,
    });
  }
}
