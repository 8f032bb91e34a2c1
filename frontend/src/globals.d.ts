/**
 * Globals that Wagtail's admin (and Django's JavaScript catalog) put on `window`,
 * plus the ambient module for Wagtail's telepath instance.
 *
 * Bundles never include these libraries: frontend/build.mjs maps each import to
 * the matching `window` global (see WAGTAIL_GLOBALS there).
 */

export {};

declare global {
  interface Window {
    /** Django's JavaScriptCatalog, loaded on every Wagtail admin page. */
    gettext?: (msgid: string) => string;
    ngettext?: (singular: string, plural: string, count: number) => string;
    interpolate?: (
      format: string,
      values: Record<string, string | number> | (string | number)[],
      named?: boolean,
    ) => string;
    /** Wagtail's admin configuration, rendered into every admin page. */
    wagtailConfig?: {
      CSRF_TOKEN?: string;
      CSRF_HEADER_NAME?: string;
      [key: string]: unknown;
    };
  }
}

declare module 'telepath' {
  /** Wagtail's telepath registry (`window.telepath`). */
  interface Telepath {
    register(name: string, constructor: unknown): void;
    unpack(data: unknown): unknown;
  }
  const telepath: Telepath;
  export default telepath;
}
