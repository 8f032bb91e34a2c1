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
