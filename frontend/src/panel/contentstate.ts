/**
 * Draftail's raw content state as plain text and as Wagtail's database HTML.
 *
 * A rich text field's current value lives in Draft.js's raw format (the hidden
 * input Draftail keeps up to date). The API takes rich text as Wagtail's
 * database HTML (`<p>`, `<b>`, `<a linktype="page" id="3">`…), the same form
 * `wagtail_ai_blocks/richtext.py` reads, so "Improve" keeps links and formatting.
 */

export interface RawRange {
  offset: number;
  length: number;
}

export interface RawBlock {
  type: string;
  text: string;
  depth?: number;
  inlineStyleRanges?: (RawRange & { style: string })[];
  entityRanges?: (RawRange & { key: number })[];
}

export interface RawEntity {
  type: string;
  data?: Record<string, unknown>;
}

export interface RawContentState {
  blocks: RawBlock[];
  entityMap: Record<string, RawEntity>;
}

const BLOCK_ELEMENTS: Record<string, string> = {
  unstyled: 'p',
  'header-one': 'h1',
  'header-two': 'h2',
  'header-three': 'h3',
  'header-four': 'h4',
  'header-five': 'h5',
  'header-six': 'h6',
  blockquote: 'blockquote',
  'code-block': 'p',
};

const LIST_ELEMENTS: Record<string, string> = {
  'unordered-list-item': 'ul',
  'ordered-list-item': 'ol',
};

const STYLE_ELEMENTS: Record<string, string> = {
  BOLD: 'b',
  ITALIC: 'i',
  CODE: 'code',
  SUPERSCRIPT: 'sup',
  SUBSCRIPT: 'sub',
  STRIKETHROUGH: 's',
};

/** A raw content state from a parsed value, or `null` if it is not one. */
export function asRawContentState(value: unknown): RawContentState | null {
  if (typeof value !== 'object' || value === null) return null;
  const { blocks, entityMap } = value as Partial<RawContentState>;
  if (!Array.isArray(blocks)) return null;
  return { blocks, entityMap: entityMap ?? {} };
}

/** The text of every block, one per line. */
export function rawToText(raw: RawContentState): string {
  return raw.blocks
    .filter((block) => block.type !== 'atomic')
    .map((block) => block.text)
    .join('\n')
    .trim();
}

/** Wagtail's database HTML for a raw content state. */
export function rawToHtml(raw: RawContentState): string {
  let html = '';
  // Open lists, innermost last: their element and depth.
  const lists: { element: string; depth: number }[] = [];
  const closeListsDeeperThan = (depth: number, element?: string): void => {
    for (let top = last(lists); top; top = last(lists)) {
      if (top.depth < depth || (top.depth === depth && top.element === element)) break;
      html += `</li></${top.element}>`;
      lists.pop();
    }
  };

  for (const block of raw.blocks) {
    const listElement = LIST_ELEMENTS[block.type];
    if (listElement) {
      const depth = block.depth ?? 0;
      closeListsDeeperThan(depth, listElement);
      const top = last(lists);
      if (top?.depth === depth) {
        html += '</li><li>';
      } else {
        // A deeper list opens inside the current item.
        html += `<${listElement}><li>`;
        lists.push({ element: listElement, depth });
      }
      html += inlineHtml(block, raw.entityMap);
      continue;
    }
    closeListsDeeperThan(-1);
    if (block.type === 'atomic') {
      html += atomicHtml(block, raw.entityMap);
      continue;
    }
    const element = BLOCK_ELEMENTS[block.type] ?? 'p';
    html += `<${element}>${inlineHtml(block, raw.entityMap)}</${element}>`;
  }
  closeListsDeeperThan(-1);
  return html;
}

function atomicHtml(block: RawBlock, entityMap: Record<string, RawEntity>): string {
  const key = block.entityRanges?.[0]?.key;
  const entity = key === undefined ? undefined : entityMap[String(key)];
  const data = entity?.data ?? {};
  switch (entity?.type) {
    case 'IMAGE':
      return `<embed${attrs({
        embedtype: 'image',
        id: data.id,
        format: data.format,
        alt: data.alt,
      })}/>`;
    case 'EMBED':
      return `<embed${attrs({ embedtype: 'media', url: data.url })}/>`;
    case 'HORIZONTAL_RULE':
      return '<hr/>';
    default:
      return '';
  }
}

function linkAttributes(entity: RawEntity | undefined): Record<string, unknown> | null {
  const data = entity?.data ?? {};
  if (entity?.type === 'LINK') {
    return data.id !== undefined && data.id !== null
      ? { linktype: 'page', id: data.id }
      : { href: data.url };
  }
  if (entity?.type === 'DOCUMENT') return { linktype: 'document', id: data.id };
  return null;
}

/** The block's text with its styles and links, as HTML. */
function inlineHtml(block: RawBlock, entityMap: Record<string, RawEntity>): string {
  const { text } = block;
  const styles: string[][] = Array.from({ length: text.length }, () => []);
  for (const range of block.inlineStyleRanges ?? []) {
    if (!(range.style in STYLE_ELEMENTS)) continue;
    for (let i = range.offset; i < Math.min(range.offset + range.length, text.length); i++) {
      styles[i]?.push(range.style);
    }
  }
  const entities: (number | null)[] = Array.from({ length: text.length }, () => null);
  for (const range of block.entityRanges ?? []) {
    for (let i = range.offset; i < Math.min(range.offset + range.length, text.length); i++) {
      entities[i] = range.key;
    }
  }

  let html = '';
  let start = 0;
  while (start < text.length) {
    // One run of characters under the same link (or none).
    const key = entities[start] ?? null;
    let end = start;
    while (end < text.length && (entities[end] ?? null) === key) end++;
    const link = key === null ? null : linkAttributes(entityMap[String(key)]);
    const inner = styledHtml(text, styles, start, end);
    html += link ? `<a${attrs(link)}>${inner}</a>` : inner;
    start = end;
  }
  return html;
}

function styledHtml(text: string, styles: string[][], start: number, end: number): string {
  let html = '';
  let from = start;
  while (from < end) {
    const signature = styleKey(styles[from]);
    let to = from;
    while (to < end && styleKey(styles[to]) === signature) to++;
    const elements = signature ? signature.split(',').map((style) => STYLE_ELEMENTS[style]) : [];
    const body = escapeHtml(text.slice(from, to)).replace(/\n/g, '<br/>');
    html +=
      elements.map((element) => `<${String(element)}>`).join('') +
      body +
      elements
        .reverse()
        .map((element) => `</${String(element)}>`)
        .join('');
    from = to;
  }
  return html;
}

function styleKey(styles: string[] | undefined): string {
  return [...new Set(styles ?? [])].sort().join(',');
}

function attrs(values: Record<string, unknown>): string {
  return Object.entries(values)
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([name, value]) => ` ${name}="${escapeHtml(String(value))}"`)
    .join('');
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function last<T>(items: T[]): T | undefined {
  return items[items.length - 1];
}
