/**
 * What the page says around the field: the current, unsaved values of other
 * form fields, the page's title, type and locale, and for a StreamField block
 * the text of the blocks before and after it.
 */

import type { RequestContext } from '../api';
import { asRawContentState, rawToText } from '../editor/html';
import { byAttribute, isDraftailInput } from './dom';
import type { PageInfo } from './options';

/** Wagtail marks each StreamField child (in StreamBlock and ListBlock) with this. */
const STREAM_CHILD = '[data-streamfield-child]';
/** Inputs that hold text an editor wrote (not choosers' ids or block bookkeeping). */
const TEXT_INPUTS =
  'input[type=text], input[type=url], input[type=email], input:not([type]), textarea, input[type=hidden]';
/** Names StreamField and formsets give their bookkeeping inputs. */
const BOOKKEEPING = /-(?:type|deleted|order|id|count)$|^csrfmiddlewaretoken$/;

/** The plain text of one input: Draftail's hidden input holds a content state. */
export function inputText(input: HTMLInputElement | HTMLTextAreaElement): string {
  if (isDraftailInput(input)) {
    try {
      const raw = asRawContentState(JSON.parse(input.value || 'null'));
      return raw ? rawToText(raw).trim() : '';
    } catch {
      return '';
    }
  }
  return input.value.trim();
}

/** The text of every text input inside `container`, one per line. */
export function textWithin(container: ParentNode): string {
  return Array.from(container.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(TEXT_INPUTS))
    .filter((input) => !BOOKKEEPING.test(input.name))
    .filter((input) => input.type !== 'hidden' || isDraftailInput(input))
    .map(inputText)
    .filter(Boolean)
    .join('\n');
}

/**
 * The current text of the form field `name`.
 *
 * Inside an InlinePanel child (`ownName` is `related-0-caption`) a sibling
 * field of the same child is found first (`related-0-credit`). A field made
 * of many inputs (a StreamField) is read from its `data-contentpath` wrapper.
 */
export function fieldText(form: HTMLFormElement, name: string, ownName = ''): string {
  const prefix = ownName.includes('-') ? ownName.slice(0, ownName.lastIndexOf('-') + 1) : '';
  for (const candidate of prefix ? [prefix + name, name] : [name]) {
    const element = form.elements.namedItem(candidate);
    if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) {
      return inputText(element);
    }
    if (element instanceof HTMLSelectElement) {
      return element.selectedOptions[0]?.text.trim() ?? '';
    }
  }
  const wrapper = form.querySelector(byAttribute('data-contentpath', name));
  return wrapper ? textWithin(wrapper) : '';
}

/** Page title (live from the form when it has one), type and locale. */
export function pageContext(page: PageInfo, form: HTMLFormElement | null): RequestContext {
  const context: RequestContext = {};
  const liveTitle = form && page.titleField ? fieldText(form, page.titleField) : '';
  const title = liveTitle || page.title;
  if (title) context.page_title = title;
  if (page.type) context.page_type = page.type;
  if (page.locale) context.locale = page.locale;
  return context;
}

/** The text of each sibling StreamField child before and after the one holding `element`. */
export function neighbours(element: Element): { before: string[]; after: string[] } {
  const child = element.closest(STREAM_CHILD);
  const parent = child?.parentElement;
  if (!child || !parent) return { before: [], after: [] };
  const siblings = Array.from(parent.children).filter((node) => node.matches(STREAM_CHILD));
  const index = siblings.indexOf(child);
  const text = (nodes: Element[]): string[] => nodes.map(textWithin).filter(Boolean);
  return { before: text(siblings.slice(0, index)), after: text(siblings.slice(index + 1)) };
}

/**
 * The page information to use: the element's own, else that of an AI panel
 * elsewhere in the form (StreamField blocks have none of their own), else
 * the form's `title` field.
 */
export function findPageInfo(own: PageInfo | null, form: HTMLFormElement | null): PageInfo {
  if (own && Object.keys(own).length > 0) return own;
  const other = form?.querySelector('[data-wab-ai-field-page-value]');
  if (other) {
    try {
      const value: unknown = JSON.parse(other.getAttribute('data-wab-ai-field-page-value') ?? '');
      if (typeof value === 'object' && value !== null) return value;
    } catch {
      // Fall through to the title field.
    }
  }
  return { titleField: 'title' };
}
