/**
 * The field an editor edits: its name and its rich text features.
 *
 * Wagtail renders Draftail next to a hidden input (the field), and keeps the
 * editor instance on it as `input.draftailEditor`, whose props hold the
 * editor's options. Those options say what the features configure (block
 * types, inline styles, entities), not their names; the host control's
 * `featureTypes` (from `wagtail_ai_blocks/draftail.py`) maps them back.
 *
 * @example
 * <div>
 *   <input type="hidden" name="body" id="id_body" data-draftail-input>
 *   <div class="Draftail-Editor__wrapper" data-draftail-editor-wrapper>
 *     <div class="Draftail-Editor" data-draftail-editor>…</div>
 *   </div>
 * </div>
 */

import { isObject } from '../api/guards';
import type { FieldInfo } from '../api/types';

/** Control type of the host, as registered in Python (`HOST_CONTROL`). */
export const HOST_CONTROL = 'wagtail-ai-blocks-host';
/** Control type of the toolbar button (`BUTTON_CONTROL`). */
export const BUTTON_CONTROL = 'wagtail-ai-blocks-button';
export const FEATURE_NAME = 'ai';

const LIST_OPTIONS = [
  'blockTypes',
  'inlineStyles',
  'entityTypes',
  'decorators',
  'plugins',
  'controls',
];
const BOOLEAN_OPTIONS = ['enableHorizontalRule'];

type Options = Record<string, unknown>;

/** The hidden input of the editor that contains `element`. */
export function findFieldInput(element: Element): HTMLInputElement | null {
  const wrapper = element.closest('[data-draftail-editor-wrapper]');
  const container = wrapper?.parentElement;
  if (!container) return null;
  for (const child of Array.from(container.children)) {
    if (child instanceof HTMLInputElement) return child;
  }
  return null;
}

/** Draftail's options for this field: the live editor's props, else the rendered JSON. */
export function editorOptions(input: HTMLInputElement): Options | null {
  const editor: unknown = (input as HTMLInputElement & { draftailEditor?: unknown }).draftailEditor;
  if (isObject(editor) && isObject(editor.props)) return editor.props;
  const rendered = input.getAttribute('data-w-init-detail-value');
  if (!rendered) return null;
  try {
    const options: unknown = JSON.parse(rendered);
    return isObject(options) ? options : null;
  } catch {
    return null;
  }
}

/**
 * The field's feature names, in the order of the editor's options, or null
 * when the options or the map are missing (the server then assumes Wagtail's
 * default features).
 */
export function featuresFromOptions(options: Options): string[] | null {
  const controls = Array.isArray(options.controls) ? options.controls : [];
  const host: unknown = controls.find(
    (control) => isObject(control) && control.type === HOST_CONTROL,
  );
  if (!isObject(host) || !isObject(host.featureTypes)) return null;
  const types = host.featureTypes;

  const features = new Set<string>();
  for (const option of LIST_OPTIONS) {
    const items = options[option];
    if (!Array.isArray(items)) continue;
    for (const item of items) {
      const name = isObject(item) ? types[`${option}:${String(item.type)}`] : undefined;
      if (typeof name === 'string') features.add(name);
    }
  }
  for (const option of BOOLEAN_OPTIONS) {
    const name = types[option];
    if (options[option] && typeof name === 'string') features.add(name);
  }
  features.add(FEATURE_NAME);
  return [...features];
}

/**
 * The model field's name: the outermost `data-contentpath` around the input
 * (`sections` for any block of that StreamField), else the input's name.
 */
export function fieldName(input: HTMLInputElement): string {
  let name = input.name;
  for (let node = input.parentElement; node; node = node.parentElement) {
    const path = node.getAttribute('data-contentpath');
    if (path) name = path;
  }
  return name;
}

/** What the request says about the field this element is in. */
export function fieldInfo(element: Element): FieldInfo {
  const input = findFieldInput(element);
  if (!input) return {};
  const options = editorOptions(input);
  const features = options ? featuresFromOptions(options) : null;
  const info: FieldInfo = {};
  const name = fieldName(input);
  if (name) info.name = name.slice(0, 200);
  if (features) info.features = features;
  return info;
}
