/**
 * Draft.js raw content → the HTML subset of Wagtail's database format: the one
 * converter the toolbar (a selection), the field panels (a whole field) and the
 * blocks use.
 *
 * This is what the server receives as the text to rewrite: `<p>`, `<h2>`,
 * `<ul><li>`, `<b>`, `<i>`, `<a href="…">`, `<a linktype="page" id="3">`,
 * `<embed embedtype="image" …/>` and so on, limited to the field's features so
 * the model sees exactly the formatting the field can hold
 * (`wagtail_ai_blocks/richtext/` has the server's side of this list).
 */

export interface RawRange {
  offset: number;
  length: number;
}

export interface RawBlock {
  key?: string;
  type: string;
  text: string;
  depth?: number;
  inlineStyleRanges?: (RawRange & { style: string })[];
  entityRanges?: (RawRange & { key: number | string })[];
}

export interface RawEntity {
  type: string;
  data?: Record<string, unknown>;
}

export type EntityMap = Record<string, RawEntity | undefined>;

export interface RawContentState {
  blocks: RawBlock[];
  entityMap: EntityMap;
}

/** A block, or the part of it from `start` to `end`. */
export interface Slice {
  block: RawBlock;
  start: number;
  end: number;
}

/** Feature names the field allows; `null` when unknown (everything passes). */
export type Features = ReadonlySet<string> | null;

const BLOCK_TAGS: Record<string, string> = {
  'header-one': 'h1',
  'header-two': 'h2',
  'header-three': 'h3',
  'header-four': 'h4',
  'header-five': 'h5',
  'header-six': 'h6',
  blockquote: 'blockquote',
};

const LIST_TAGS: Record<string, 'ul' | 'ol'> = {
  'unordered-list-item': 'ul',
  'ordered-list-item': 'ol',
};

/** Inline style → [feature, element], in nesting order (outermost first). */
const STYLE_TAGS: [string, string, string][] = [
  ['BOLD', 'bold', 'b'],
  ['ITALIC', 'italic', 'i'],
  ['CODE', 'code', 'code'],
  ['SUPERSCRIPT', 'superscript', 'sup'],
  ['SUBSCRIPT', 'subscript', 'sub'],
  ['STRIKETHROUGH', 'strikethrough', 's'],
];

const allows = (features: Features, feature: string): boolean =>
  features === null || features.has(feature);

/** A raw content state from a parsed value, or `null` if it is not one. */
export function asRawContentState(value: unknown): RawContentState | null {
  if (typeof value !== 'object' || value === null) return null;
  const { blocks, entityMap } = value as Partial<RawContentState>;
  if (!Array.isArray(blocks)) return null;
  return { blocks, entityMap: entityMap ?? {} };
}

/** Every block of a raw content state, whole. */
export function wholeBlocks(raw: RawContentState): Slice[] {
  return raw.blocks.map((block) => ({ block, start: 0, end: block.text.length }));
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** ` name="value"` for each value that is set (a string or a number). */
function attributes(values: Record<string, unknown>): string {
  return Object.entries(values)
    .filter(([, value]) => typeof value === 'string' || typeof value === 'number')
    .map(([name, value]) => ` ${name}="${escapeHtml(String(value)).replace(/"/g, '&quot;')}"`)
    .join('');
}

/** Wagtail database HTML for these slices of blocks. */
export function slicesToHtml(slices: Slice[], entityMap: EntityMap, features: Features): string {
  let html = '';
  /** Open lists, innermost last; each has an open `<li>`. */
  const lists: { tag: 'ul' | 'ol'; depth: number }[] = [];
  const closeList = (): void => {
    const list = lists.pop();
    if (list) html += `</li></${list.tag}>`;
  };
  const top = (): { tag: 'ul' | 'ol'; depth: number } | undefined => lists[lists.length - 1];

  for (const slice of slices) {
    const { type } = slice.block;
    const listTag = LIST_TAGS[type];
    if (listTag && allows(features, listTag)) {
      const depth = slice.block.depth ?? 0;
      while ((top()?.depth ?? -1) > depth) closeList();
      if (top()?.depth === depth && top()?.tag !== listTag) closeList();
      if (top()?.depth === depth) {
        html += '</li><li>';
      } else {
        // A deeper list opens inside the current item.
        html += `<${listTag}><li>`;
        lists.push({ tag: listTag, depth });
      }
      html += inlineHtml(slice, entityMap, features);
      continue;
    }
    while (lists.length > 0) closeList();

    if (type === 'atomic') {
      html += atomicHtml(slice.block, entityMap, features);
      continue;
    }
    const tag = BLOCK_TAGS[type];
    const element = tag && allows(features, tag) ? tag : 'p';
    html += `<${element}>${inlineHtml(slice, entityMap, features)}</${element}>`;
  }
  while (lists.length > 0) closeList();
  return html;
}

/** Wagtail database HTML for a whole raw content state. */
export function rawToHtml(raw: RawContentState, features: Features = null): string {
  return slicesToHtml(wholeBlocks(raw), raw.entityMap, features);
}

/** The visible text of slices of blocks, one line per block (atomic blocks have none). */
export function slicesToText(slices: Slice[]): string {
  return slices
    .filter(({ block }) => block.type !== 'atomic')
    .map(({ block, start, end }) => block.text.slice(start, end))
    .join('\n');
}

/** The visible text of a whole raw content state. */
export function rawToText(raw: RawContentState): string {
  return slicesToText(wholeBlocks(raw));
}

function atomicHtml(block: RawBlock, entityMap: EntityMap, features: Features): string {
  const key = block.entityRanges?.[0]?.key;
  const entity = key === undefined ? undefined : entityMap[String(key)];
  const data = entity?.data ?? {};
  switch (entity?.type) {
    case 'IMAGE':
      return allows(features, 'image')
        ? `<embed${attributes({ embedtype: 'image', id: data.id, format: data.format, alt: data.alt })}/>`
        : '';
    case 'EMBED':
      return allows(features, 'embed')
        ? `<embed${attributes({ embedtype: 'media', url: data.url })}/>`
        : '';
    case 'HORIZONTAL_RULE':
      return allows(features, 'hr') ? '<hr/>' : '';
    default:
      return '';
  }
}

/** Link attributes for an entity, or null when it is not a link the field allows. */
function linkAttributes(
  entity: RawEntity | undefined,
  features: Features,
): Record<string, string> | null {
  const data = entity?.data ?? {};
  const { id } = data;
  const hasId = typeof id === 'string' || typeof id === 'number';
  if (entity?.type === 'LINK' && allows(features, 'link')) {
    if (hasId) return { linktype: 'page', id: String(id) };
    if (typeof data.url === 'string' && data.url !== '') return { href: data.url };
  }
  if (entity?.type === 'DOCUMENT' && allows(features, 'document-link') && hasId) {
    return { linktype: 'document', id: String(id) };
  }
  return null;
}

/** A slice's text with its inline styles and links. */
function inlineHtml(
  { block, start, end }: Slice,
  entityMap: EntityMap,
  features: Features,
): string {
  const { text } = block;
  const stop = Math.min(end, text.length);
  const styles: string[][] = Array.from({ length: text.length }, () => []);
  for (const range of block.inlineStyleRanges ?? []) {
    for (let i = range.offset; i < Math.min(range.offset + range.length, text.length); i++) {
      styles[i]?.push(range.style);
    }
  }
  const links: (Record<string, string> | null)[] = Array.from({ length: text.length }, () => null);
  const linkKeys: (string | null)[] = Array.from({ length: text.length }, () => null);
  for (const range of block.entityRanges ?? []) {
    const link = linkAttributes(entityMap[String(range.key)], features);
    if (!link) continue;
    for (let i = range.offset; i < Math.min(range.offset + range.length, text.length); i++) {
      links[i] = link;
      linkKeys[i] = String(range.key);
    }
  }
  const tagsAt = (index: number): string[] =>
    STYLE_TAGS.filter(
      ([style, feature]) => styles[index]?.includes(style) === true && allows(features, feature),
    ).map(([, , tag]) => tag);

  let html = '';
  let openLink: string | null = null;
  let index = start;
  while (index < stop) {
    const link = linkKeys[index] ?? null;
    const tags = tagsAt(index);
    let next = index + 1;
    while (
      next < stop &&
      (linkKeys[next] ?? null) === link &&
      tagsAt(next).join() === tags.join()
    ) {
      next++;
    }
    if (link !== openLink) {
      if (openLink !== null) html += '</a>';
      if (link !== null) html += `<a${attributes(links[index] ?? {})}>`;
      openLink = link;
    }
    html += tags.map((tag) => `<${tag}>`).join('');
    html += escapeHtml(text.slice(index, next)).replace(/\n/g, '<br/>');
    html += [...tags]
      .reverse()
      .map((tag) => `</${tag}>`)
      .join('');
    index = next;
  }
  if (openLink !== null) html += '</a>';
  return html;
}
