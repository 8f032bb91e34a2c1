/**
 * What the page says around the text: its title, type and locale, read from
 * the Wagtail editor's DOM so the answer fits the page.
 *
 * - title: the `#id_title` field (pages) — the live value, unsaved edits included;
 * - type: the model name Wagtail shows in the status side panel ("Blog page");
 * - locale: `wagtailConfig.ACTIVE_CONTENT_LOCALE` when internationalisation is
 *   on, else the site's only locale.
 */

import type { RequestContext } from '../api/types';

const TITLE_SELECTOR = '#id_title';
const TYPE_SELECTOR = '[data-side-panel="status"] .w-label-3 > strong';

interface WagtailLocale {
  code?: unknown;
}

export function pageContext(doc: Document = document): RequestContext {
  const context: RequestContext = {};

  const title = doc.querySelector<HTMLInputElement | HTMLTextAreaElement>(TITLE_SELECTOR);
  const titleText = title?.value.trim();
  if (titleText) context.page_title = titleText;

  const type = doc.querySelector(TYPE_SELECTOR)?.textContent.trim();
  if (type) context.page_type = type.slice(0, 200);

  const locale = activeLocale(doc);
  if (locale) context.locale = locale;
  return context;
}

function activeLocale(doc: Document): string | null {
  const config = doc.defaultView?.wagtailConfig;
  if (!config) return null;
  const active = config.ACTIVE_CONTENT_LOCALE;
  if (typeof active === 'string' && active) return active;
  const locales = config.LOCALES;
  if (Array.isArray(locales) && locales.length === 1) {
    const code = (locales[0] as WagtailLocale | undefined)?.code;
    if (typeof code === 'string' && code) return code;
  }
  return null;
}
