/**
 * Adds a bundle or stylesheet to the page unless it is already there.
 *
 * The `insert_editor_js` hook must bring the field panels' and the page-level
 * bundles to every editor (Wagtail does not collect the media of InlinePanel
 * children, and "Review with AI" sits in every page's Checks panel), while the
 * panels' own form media bring the same files: Wagtail renders both. The hook
 * therefore loads through `entries/once.ts`, which adds only what the form
 * media did not, so each bundle is on the page once.
 */

/** A URL's path: without its query (`?v=…`, Wagtail's cache-busting version). */
const pathOf = (url: string, doc: Document): string => new URL(url, doc.baseURI).pathname;

function present(doc: Document): Set<string> {
  const urls = [
    ...Array.from(doc.querySelectorAll<HTMLScriptElement>('script[src]'), (s) => s.src),
    ...Array.from(
      doc.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"][href]'),
      (link) => link.href,
    ),
  ];
  return new Set(urls.map((url) => pathOf(url, doc)));
}

/** Add each of `urls` (scripts, and stylesheets ending in .css) that `doc` lacks. */
export function loadOnce(urls: readonly string[], doc: Document = document): string[] {
  const have = present(doc);
  const added: string[] = [];
  for (const url of urls) {
    const path = pathOf(url, doc);
    if (have.has(path)) continue;
    have.add(path);
    if (path.endsWith('.css')) {
      const link = doc.createElement('link');
      link.rel = 'stylesheet';
      link.href = url;
      doc.head.append(link);
    } else {
      const script = doc.createElement('script');
      script.src = url;
      script.async = false; // in the order given
      doc.head.append(script);
    }
    added.push(url);
  }
  return added;
}
