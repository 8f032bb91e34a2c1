/**
 * The API request for one click on Generate / Improve / Try again.
 *
 * A field asks its action (`seo_title`…) both ways: with the current value as
 * `text` the server improves on it, without it writes from the context.
 * A StreamField section (`mode: 'section'`) with no text is drafted from the
 * blocks before it (`continue`), or, first on the page, as an `introduction`;
 * with text, its action (`improve`) rewrites it.
 */

import type { ActionParams, GenerateRequest, RequestContext, TextFormat } from '../api';
import { escapeHtml } from '../editor/html';
import type { Mode } from './options';

/** Actions a section draft uses (both built in: `wagtail_ai_blocks/prompts/builtin.py`). */
export const CONTINUE_ACTION = 'continue';
export const INTRODUCTION_ACTION = 'introduction';
/** Characters of the text before a section sent to continue from. */
const MAX_PRECEDING_CHARS = 3000;
/** Blocks on each side sent as nearby text (the server takes at most 10). */
const NEARBY = 3;

export interface RequestInput {
  mode: Mode;
  action: string;
  /** The action's parameters (a library prompt's `prompt_id`). */
  params?: ActionParams;
  format: TextFormat;
  /** The field's current value (plain text, or HTML for rich text); '' when empty. */
  source: string;
  fieldName: string;
  maxLength: number | null;
  features: string[] | null;
  candidates: number;
  context: RequestContext;
  /** StreamField sections only: the text of the blocks before and after this one. */
  neighbours?: { before: string[]; after: string[] };
  refresh?: boolean;
  /** Image actions: the image's id (`0`: no image chosen yet). */
  image?: number;
}

export function buildRequest(input: RequestInput): GenerateRequest {
  const { mode, format, source } = input;
  const { before, after } = input.neighbours ?? { before: [], after: [] };
  let action = input.action;
  let text = source;
  let context = input.context;
  if (mode === 'section') {
    // Drafting continues from the text before (the TEXT block) and leads into
    // the text after; improving sees a little of both.
    const nearby = source
      ? [...before.slice(-NEARBY), ...after.slice(0, NEARBY)]
      : after.slice(0, NEARBY * 2);
    if (nearby.length > 0) context = { ...context, neighbours: nearby };
    if (!source) {
      const preceding = before.join('\n\n').slice(-MAX_PRECEDING_CHARS);
      action = preceding ? CONTINUE_ACTION : INTRODUCTION_ACTION;
      text = format === 'html' ? paragraphsHtml(preceding) : preceding;
    }
  } else if (input.neighbours) {
    // A field in a StreamField (an image's alt text) sees the blocks around it.
    const nearby = [...before.slice(-NEARBY), ...after.slice(0, NEARBY)];
    if (nearby.length > 0) context = { ...context, neighbours: nearby };
  }

  const request: GenerateRequest = {
    action,
    text,
    format,
    context,
    field: {
      ...(input.fieldName ? { name: input.fieldName } : {}),
      ...(input.maxLength ? { max_length: input.maxLength } : {}),
      ...(input.features ? { features: input.features } : {}),
    },
    candidates: Math.max(1, input.candidates),
  };
  if (input.params) request.params = input.params;
  if (input.refresh) request.refresh = true;
  if (input.image) request.image = input.image;
  return request;
}

/** Plain text as `<p>` paragraphs, one per line. */
function paragraphsHtml(text: string): string {
  return text
    .split(/\n+/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => `<p>${escapeHtml(line)}</p>`)
    .join('');
}
