/**
 * Draft.js blocks → the HTML subset of Wagtail's database format.
 *
 * This is what the server receives as the text to rewrite: `<p>`, `<h2>`,
 * `<ul><li>`, `<b>`, `<i>`, `<a href="…">`, `<a linktype="page" id="3">`,
 * `<embed embedtype="image" …/>` and so on, limited to the field's features so
 * the model sees exactly the formatting the field can hold
 * (`wagtail_ai_blocks/richtext.py` has the server's side of this list).
 */

import type { CharacterMetadata, ContentBlock, ContentState } from 'draft-js';

/** A block, or the part of it from `start` to `end`. */
export interface BlockSlice {
  block: ContentBlock;
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

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(text: string): string {
  return escapeHtml(text).replace(/"/g, '&quot;');
}

function attributes(attrs: Record<string, string>): string {
  return Object.entries(attrs)
    .map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`)
    .join('');
}

/** Wagtail database HTML for these block slices. */
export function blocksToHtml(
  slices: BlockSlice[],
  content: ContentState,
  features: Features,
): string {
  let html = '';
  /** Open lists, innermost last; each has an open `<li>`. */
  const lists: { tag: 'ul' | 'ol'; depth: number }[] = [];
  const closeList = (): void => {
    const list = lists.pop();
    if (list) html += `</li></${list.tag}>`;
  };

  for (const slice of slices) {
    const type = slice.block.getType();
    const listTag = LIST_TAGS[type];
    if (listTag && allows(features, listTag)) {
      const depth = slice.block.getDepth();
      while (lists.length > 0 && (lists[lists.length - 1]?.depth ?? 0) > depth) closeList();
      const top = lists[lists.length - 1];
      if (top && top.depth === depth && top.tag !== listTag) closeList();
      const current = lists[lists.length - 1];
      if (current && current.depth === depth) {
        html += '</li><li>';
      } else {
        html += `<${listTag}><li>`;
        lists.push({ tag: listTag, depth });
      }
      html += inlineHtml(slice, content, features);
      continue;
    }
    while (lists.length > 0) closeList();

    if (type === 'atomic') {
      html += atomicHtml(slice.block, content, features);
      continue;
    }
    const inner = inlineHtml(slice, content, features);
    const tag = BLOCK_TAGS[type];
    const element = tag && allows(features, tag) ? tag : 'p';
    html += `<${element}>${inner}</${element}>`;
  }
  while (lists.length > 0) closeList();
  return html;
}

function atomicHtml(block: ContentBlock, content: ContentState, features: Features): string {
  const key = block.getEntityAt(0);
  if (!key) return '';
  const entity = content.getEntity(key);
  const data = entity.getData() as Record<string, unknown>;
  const text = (name: string): string => {
    const value = data[name];
    return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  };
  switch (entity.getType()) {
    case 'IMAGE':
      return allows(features, 'image')
        ? `<embed${attributes({ embedtype: 'image', id: text('id'), format: text('format'), alt: text('alt') })}/>`
        : '';
    case 'EMBED':
      return allows(features, 'embed')
        ? `<embed${attributes({ embedtype: 'media', url: text('url') })}/>`
        : '';
    case 'HORIZONTAL_RULE':
      return allows(features, 'hr') ? '<hr/>' : '';
    default:
      return '';
  }
}

/** Link attributes for an entity, or null when it is not a link the field allows. */
function linkAttributes(
  content: ContentState,
  key: string,
  features: Features,
): Record<string, string> | null {
  const entity = content.getEntity(key);
  const data = entity.getData() as Record<string, unknown>;
  const id = data.id;
  const hasId = typeof id === 'string' || typeof id === 'number';
  if (entity.getType() === 'LINK' && allows(features, 'link')) {
    if (hasId) return { linktype: 'page', id: String(id) };
    if (typeof data.url === 'string' && data.url !== '') return { href: data.url };
  }
  if (entity.getType() === 'DOCUMENT' && allows(features, 'document-link') && hasId) {
    return { linktype: 'document', id: String(id) };
  }
  return null;
}

/** A block's text from `start` to `end` with its inline styles and links. */
function inlineHtml(
  { block, start, end }: BlockSlice,
  content: ContentState,
  features: Features,
): string {
  const text = block.getText();
  const characters = block.getCharacterList();
  let html = '';
  let openLink: string | null = null;

  const styleTags = (metadata: CharacterMetadata | undefined): string[] =>
    STYLE_TAGS.filter(
      ([style, feature]) => metadata?.hasStyle(style) === true && allows(features, feature),
    ).map(([, , tag]) => tag);
  const linkOf = (metadata: CharacterMetadata | undefined): string | null => {
    const key = metadata?.getEntity();
    return key && linkAttributes(content, key, features) ? key : null;
  };

  let index = start;
  while (index < end) {
    const link = linkOf(characters.get(index));
    const tags = styleTags(characters.get(index));
    let stop = index + 1;
    while (
      stop < end &&
      linkOf(characters.get(stop)) === link &&
      styleTags(characters.get(stop)).join() === tags.join()
    ) {
      stop++;
    }

    if (link !== openLink) {
      if (openLink) html += '</a>';
      if (link) html += `<a${attributes(linkAttributes(content, link, features) ?? {})}>`;
      openLink = link;
    }
    const body = escapeHtml(text.slice(index, stop)).replace(/\n/g, '<br/>');
    html += tags.map((tag) => `<${tag}>`).join('');
    html += body;
    html += [...tags]
      .reverse()
      .map((tag) => `</${tag}>`)
      .join('');
    index = stop;
  }
  if (openLink) html += '</a>';
  return html;
}

/** The visible text of block slices, one line per block (atomic blocks have none). */
export function blocksToText(slices: BlockSlice[]): string {
  return slices
    .filter(({ block }) => block.getType() !== 'atomic')
    .map(({ block, start, end }) => block.getText().slice(start, end))
    .join('\n');
}
