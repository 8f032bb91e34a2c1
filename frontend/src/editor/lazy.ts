/**
 * Code that loads on first use: a bundle (`<script>`) that puts what it
 * offers on `window`, and its stylesheet.
 *
 * Every page editor carries the small parts (the toolbar button, the review
 * button); the rest (the toolbar's menu, preview and diff, the page review)
 * is fetched when an editor first asks for it. Each URL is loaded once per
 * page, however often it is asked for; a failed load can be asked for again.
 */

const loading = new Map<string, Promise<unknown>>();

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
  let promise = loading.get(src) as Promise<T> | undefined;
  if (!promise) {
    promise = new Promise<T>((resolve, reject) => {
      const script = doc.createElement('script');
      script.src = src;
      script.addEventListener('load', () => {
        const bundle = read();
        if (bundle !== undefined) resolve(bundle);
        else reject(new Error(`${src} did not define what it was loaded for`));
      });
      script.addEventListener('error', () => {
        loading.delete(src);
        reject(new Error(`${src} could not be loaded`));
      });
      doc.head.append(script);
    });
    loading.set(src, promise);
  }
  return promise;
}

/**
 * Add the stylesheet at `href` once; resolves when it applies (or failed to
 * load: the code it styles still works, unstyled, rather than not at all).
 */
export function loadStylesheet(href: string, doc: Document = document): Promise<void> {
  let promise = loading.get(href) as Promise<void> | undefined;
  if (!promise) {
    promise = new Promise<void>((resolve) => {
      const link = doc.createElement('link');
      link.rel = 'stylesheet';
      link.href = href;
      link.addEventListener('load', () => {
        resolve();
      });
      link.addEventListener('error', () => {
        loading.delete(href);
        resolve();
      });
      doc.head.append(link);
    });
    loading.set(href, promise);
  }
  return promise;
}
