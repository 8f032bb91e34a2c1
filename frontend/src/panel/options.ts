/**
 * The contract between the server and the `wab-ai-field` controller.
 *
 * Mirrors `wagtail_ai_blocks/ai_field.py` (`AIFieldOptions.data_attributes`):
 * panels render these as `data-wab-ai-field-*-value` attributes, blocks receive
 * the same attributes through telepath. Change both together.
 */

/** The Stimulus identifier (our own `wab-` prefix). */
export const CONTROLLER = 'wab-ai-field';

/** Marks the field's input (or Draftail's hidden input) as the controller's `input` target. */
export const INPUT_TARGET_ATTR = `data-${CONTROLLER}-target`;

/**
 * `field`: Generate and Improve both ask the field action (`seo_title`…).
 * `rewrite`: Improve only, with a rewrite action (`improve`, `shorten`…): it needs text.
 * `section`: a StreamField section, drafted from the blocks around it, improved with `action`.
 */
export type Mode = 'field' | 'rewrite' | 'section';

import type { PageInfo } from '../api/types';

export type { PageInfo };

/** Button labels, translated on the server. */
export interface Labels {
  generate?: string;
  improve?: string;
}

/** The controller's values, as the panel's work (`./session.ts`) reads them. */
export interface PanelOptions {
  action: string;
  field: string;
  format: 'text' | 'html';
  mode: Mode;
  /** 0: no limit. */
  maxLength: number;
  candidates: number;
  contextFields: string[];
  /** The rich text features the answer may use; null: the field's own. */
  features: string[] | null;
  page: PageInfo;
  /** An image the answer describes (0: none, or the one chosen in `imageField`). */
  image: number;
  imageField: string;
}
