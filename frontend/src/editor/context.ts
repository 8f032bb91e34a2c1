/**
 * What the page says around the text, for the toolbar, the field panels and the
 * blocks alike: the current, unsaved values of other form fields, the page's
 * title, type and locale (from the server's config, the title live from the
 * form), and for a StreamField block the text of the blocks before and after it.
 */

import type { ClientConfig, PageInfo, RequestContext } from '../api/types';
import { byAttribute, isDraftailInput } from './dom';
import { asRawContentState, rawToText } from './html';

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

/**
 * Page title (live from the form when it has one), type and locale. The locale
 * falls back to Wagtail's: the content locale being edited, else the site's only one.
 */
export function pageContext(page: PageInfo, form: HTMLFormElement | null): RequestContext {
  const context: RequestContext = {};
  const liveTitle = form && page.titleField ? fieldText(form, page.titleField) : '';
  const title = liveTitle || page.title;
  if (title) context.page_title = title;
  if (page.type) context.page_type = page.type.slice(0, 200);
  const locale = page.locale ?? wagtailLocale(form?.ownerDocument ?? document);
  if (locale) context.locale = locale;
  return context;
}

function wagtailLocale(doc: Document): string | null {
  const config = doc.defaultView?.wagtailConfig;
  if (!config) return null;
  const active = config.ACTIVE_CONTENT_LOCALE;
  if (typeof active === 'string' && active) return active;
  const locales = config.LOCALES;
  if (Array.isArray(locales) && locales.length === 1) {
    const code = (locales[0] as { code?: unknown } | undefined)?.code;
    if (typeof code === 'string' && code) return code;
  }
  return null;
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
 * The page information to use: the control's own (a panel on a snippet or an
 * InlinePanel child says what it edits), else what the server said of the page
 * being edited, else the form's `title` field.
 */
export function pageInfo(own: PageInfo | null, config: ClientConfig | null): PageInfo {
  if (own && Object.keys(own).length > 0) return own;
  return config?.page ?? { titleField: 'title' };
}
