/**
 * The actions the rich text menu offers, read from the page's client config.
 *
 * The server lists every registered action in `config.actions`
 * (`Action.as_client_dict()` in `wagtail_ai_blocks/prompts/actions.py`); the
 * toolbar offers those of kind `rewrite` that can answer in HTML.
 */

import { isObject } from '../api/guards';
import type { ClientConfig } from '../api/types';

export interface ActionChoice {
  value: string;
  label: string;
  /** Languages only: one of the site's own languages (listed first). */
  site?: boolean;
}

/** Python: `Param.as_client_dict()`. */
export interface ActionParam {
  name: string;
  label: string;
  kind: 'choice' | 'language' | 'text';
  required: boolean;
  default: string | null;
  choices?: ActionChoice[];
  /** Longest value accepted, for `text` parameters. */
  max_length?: number;
}

/** Python: `Action.as_client_dict()`. */
export interface ActionInfo {
  id: string;
  label: string;
  description: string;
  kind: 'rewrite' | 'field';
  /** `replace`: the answer replaces the text; `insert_below`: it follows it. */
  output: 'replace' | 'insert_below';
  formats: string[];
  params: ActionParam[];
  candidates: number;
  /** Admin-defined prompts (Settings → AI prompts) come from the `library`. */
  source?: 'library';
  /** The library prompt's primary key, sent as `params.prompt_id`. */
  prompt_id?: number;
  /** Field names a library prompt is meant for; empty for every field. */
  fields?: string[];
  /** Page type names ("Blog page") a library prompt is meant for; empty for every type. */
  page_types?: string[];
  /** The built-in action a library prompt replaces; empty for a new action. */
  overrides?: string;
}

/** The actions for the rich text toolbar, in the server's order. */
export function richTextActions(config: ClientConfig): ActionInfo[] {
  const actions: unknown = (config as ClientConfig & { actions?: unknown }).actions;
  if (!Array.isArray(actions)) return [];
  return actions.filter(isRichTextAction);
}

/**
 * Whether a library prompt is meant for this field and page type (built-in
 * actions always are). Unknown names do not exclude: the server checks again.
 */
export function appliesTo(
  action: ActionInfo,
  { field, pageType }: { field?: string; pageType?: string },
): boolean {
  const fields = action.fields ?? [];
  const pageTypes = (action.page_types ?? []).map((name) => name.toLocaleLowerCase());
  if (field && fields.length > 0 && !fields.includes(field)) return false;
  if (pageType && pageTypes.length > 0 && !pageTypes.includes(pageType.toLocaleLowerCase())) {
    return false;
  }
  return true;
}

function isRichTextAction(value: unknown): value is ActionInfo {
  if (!isObject(value)) return false;
  const { id, label, kind, output, formats, params } = value;
  return (
    typeof id === 'string' &&
    typeof label === 'string' &&
    kind === 'rewrite' &&
    (output === 'replace' || output === 'insert_below') &&
    Array.isArray(formats) &&
    formats.includes('html') &&
    Array.isArray(params) &&
    params.every(isParam)
  );
}

function isParam(value: unknown): value is ActionParam {
  if (!isObject(value)) return false;
  const { name, label, kind, choices } = value;
  if (typeof name !== 'string' || typeof label !== 'string') return false;
  if (kind === 'text') return true;
  if (kind !== 'choice' && kind !== 'language') return false;
  return (
    Array.isArray(choices) &&
    choices.every(
      (choice) =>
        isObject(choice) && typeof choice.value === 'string' && typeof choice.label === 'string',
    )
  );
}
