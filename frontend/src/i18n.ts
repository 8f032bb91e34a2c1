/**
 * Translation helpers over Django's JavaScript catalog.
 *
 * Wagtail's admin loads Django's `JavaScriptCatalog`, which defines the
 * `gettext`, `ngettext` and `interpolate` globals. Each call looks them up at
 * call time (not import time), so a catalog loaded after this bundle still
 * applies. Without a catalog, strings pass through untranslated (English).
 *
 * Mark every user-facing string with `gettext`/`ngettext` so `makemessages
 * -d djangojs` can find it.
 */

export type Gettext = (msgid: string) => string;
export type Ngettext = (singular: string, plural: string, count: number) => string;

/** What a formatter needs to translate; the default reads Django's catalog. */
export interface Translator {
  gettext: Gettext;
  ngettext: Ngettext;
}

export function gettext(msgid: string): string {
  return typeof window.gettext === 'function' ? window.gettext(msgid) : msgid;
}

export function ngettext(singular: string, plural: string, count: number): string {
  if (typeof window.ngettext === 'function') {
    return window.ngettext(singular, plural, count);
  }
  return count === 1 ? singular : plural;
}

export type InterpolateValues = Record<string, string | number> | (string | number)[];

/**
 * Fill `%(name)s` placeholders from an object, or `%s` placeholders from an array.
 *
 * Same contract as Django's `interpolate(fmt, obj, named)`; the named flag is
 * implied by the type of `values`.
 */
export function interpolate(format: string, values: InterpolateValues): string {
  const named = !Array.isArray(values);
  if (typeof window.interpolate === 'function') {
    return window.interpolate(format, values, named);
  }
  if (Array.isArray(values)) {
    let index = 0;
    return format.replace(/%s/g, () => String(values[index++] ?? ''));
  }
  return format.replace(/%\((\w+)\)s/g, (match, name: string) =>
    name in values ? String(values[name]) : match,
  );
}

export const defaultTranslator: Translator = { gettext, ngettext };

const loading = new Map<string, Promise<void>>();

/**
 * Load our Django JavaScript catalog (`config.urls.jsi18n`) once per page.
 *
 * It is loaded on demand, by the bundles that show AI controls, rather than on
 * every admin page: the catalog URL needs a logged-in admin user, and the login
 * page would otherwise receive a redirect instead of JavaScript. Django's
 * catalogs merge, so ours adds to Wagtail's. Never rejects: without the catalog
 * strings stay in English.
 */
export function loadTranslations(url: string | undefined, doc: Document = document): Promise<void> {
  if (!url) return Promise.resolve();
  let promise = loading.get(url);
  if (!promise) {
    promise = new Promise<void>((resolve) => {
      const script = doc.createElement('script');
      script.src = url;
      script.async = true;
      script.dataset.wabCatalog = '';
      script.addEventListener('load', () => {
        resolve();
      });
      script.addEventListener('error', () => {
        resolve();
      });
      doc.head.append(script);
    });
    loading.set(url, promise);
  }
  return promise;
}
