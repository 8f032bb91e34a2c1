/**
 * The readable text of an answer that is still arriving.
 *
 * Rich text answers stream as HTML (`<p>Water <b>weekly</b>…`). The preview
 * shows them as plain text while they stream, never as markup: this is the
 * model's raw output, and only the server's sanitised `contentstate` may
 * reach the document. A tag cut off at the end of the text so far is hidden
 * until the rest of it arrives.
 */

const BLOCK_END = /^\/?(p|h[1-6]|li|ul|ol|blockquote|div|br|hr|tr|table|pre|section|article)\b/i;
const SKIPPED = /^(script|style|template|iframe|object|svg|math|head|title)\b/i;

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
};

/** Visible text of (possibly partial) HTML: one line per block, entities decoded. */
export function visibleText(html: string): string {
  let text = '';
  let skipping: string | null = null;
  let index = 0;
  while (index < html.length) {
    const open = html.indexOf('<', index);
    const chunk = open === -1 ? html.slice(index) : html.slice(index, open);
    if (!skipping) text += chunk;
    if (open === -1) break;

    const close = html.indexOf('>', open);
    if (close === -1) break; // an unfinished tag: wait for the rest
    const tag = html.slice(open + 1, close).trim();
    if (skipping) {
      if (new RegExp(`^/${skipping}\\b`, 'i').test(tag)) skipping = null;
    } else if (SKIPPED.test(tag) && !tag.endsWith('/')) {
      skipping = (SKIPPED.exec(tag)?.[1] ?? '').toLowerCase();
    } else if (BLOCK_END.test(tag)) {
      text += '\n';
    }
    index = close + 1;
  }
  return tidy(decodeEntities(dropPartialEntity(text)));
}

/** `&am` at the very end is the start of an entity that has not fully arrived. */
function dropPartialEntity(text: string): string {
  return text.replace(/&#?\w*$/, '');
}

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (match, name: string) => {
    if (name.startsWith('#')) {
      const code =
        name[1] === 'x' || name[1] === 'X'
          ? parseInt(name.slice(2), 16)
          : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff
        ? String.fromCodePoint(code)
        : match;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? match;
  });
}

/** Whitespace as a browser would show it: runs collapsed, blank lines dropped. */
function tidy(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t\r\f]+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}
