/**
 * Code that loads on first use: a bundle (`<script>`) that puts what it
 * offers on `window`, and its stylesheet.
 *
 * Every page editor carries the small parts (the toolbar button, the review
 * button); the rest (the toolbar's menu, preview and diff, the page review)
 * is fetched when an editor first asks for it. Each URL is loaded once per
 * page, however often it is asked for; a failed load can be asked for again.
 */

/** Per URL: whether its element loaded (true) or failed (false, then forgotten). */
const loading = new Map<string, Promise<boolean>>();

/**
 * Append the element `make` creates for `url` to the head, once per URL while it
 * has not failed; resolves true when it loaded, false when it failed.
 */
function appendOnce(url: string, make: () => HTMLElement, doc: Document): Promise<boolean> {
  let promise = loading.get(url);
  if (!promise) {
    promise = new Promise<boolean>((resolve) => {
      const element = make();
      element.addEventListener('load', () => {
        resolve(true);
      });
      element.addEventListener('error', () => {
        loading.delete(url);
        resolve(false);
      });
      doc.head.append(element);
    });
    loading.set(url, promise);
  }
  return promise;
}

/**
 * Load the script at `src` once and resolve with what `read` finds on `window`
 * after it ran. Resolves at once when `read` already finds it (the bundle is on
 * the page, or a test put it there).
 */
export function loadBundle<T>(
  src: string,
  read: () => T | undefined,
  doc: Document = document,
): Promise<T> {
  const present = read();
  if (present !== undefined) return Promise.resolve(present);
  const script = (): HTMLScriptElement => Object.assign(doc.createElement('script'), { src });
  return appendOnce(src, script, doc).then((loaded) => {
    if (!loaded) throw new Error(`${src} could not be loaded`);
    const bundle = read();
    if (bundle === undefined) throw new Error(`${src} did not define what it was loaded for`);
    return bundle;
  });
}

/**
 * Add the stylesheet at `href` once; resolves when it applies (or failed to
 * load: the code it styles still works, unstyled, rather than not at all).
 */
export async function loadStylesheet(href: string, doc: Document = document): Promise<void> {
  const link = (): HTMLLinkElement =>
    Object.assign(doc.createElement('link'), { rel: 'stylesheet', href });
  await appendOnce(href, link, doc);
}
