/**
 * What an AI panel offers, read from the page config's `actions`
 * (`wagtail_ai_blocks/client_config.py`, library prompts from
 * `wagtail_ai_blocks/library/actions.py`):
 *
 * - its own action (`seo_title`…), unless the site hides it (Settings → AI
 *   assistance): a hidden action is not in the list, and its button goes away
 *   rather than answering "This AI action does not exist.";
 * - the library's new "Field panels" prompts meant for this field and page
 *   type, each as a button of its own. A prompt that overrides a built-in is
 *   asked through that built-in's own button, not added.
 */

import { isObject } from '../api/guards';
import type { ClientConfig, TextFormat } from '../api/types';
import { appliesTo, type ActionInfo } from '../draftail/actions';

export interface PanelActions {
  /** Whether the panel's own action is offered. */
  own: boolean;
  /** Library field prompts for this panel, in the server's order. */
  prompts: ActionInfo[];
}

export function panelActions(
  config: ClientConfig,
  where: { action: string; field: string; pageType?: string; format: TextFormat },
): PanelActions {
  const actions: unknown = (config as ClientConfig & { actions?: unknown }).actions;
  // An older config without the list: offer what the panel was built with.
  if (!Array.isArray(actions)) return { own: true, prompts: [] };
  const listed = actions.filter(isObject);
  return {
    own: listed.some((action) => action.id === where.action),
    prompts: listed.filter(
      (action): action is ActionInfo & Record<string, unknown> =>
        isFieldPrompt(action) &&
        action.id !== where.action &&
        action.formats.includes(where.format) &&
        appliesTo(action, { field: where.field, pageType: where.pageType }),
    ),
  };
}

function isFieldPrompt(
  action: Record<string, unknown>,
): action is ActionInfo & Record<string, unknown> {
  return (
    typeof action.id === 'string' &&
    typeof action.label === 'string' &&
    action.kind === 'field' &&
    action.source === 'library' &&
    typeof action.prompt_id === 'number' &&
    !action.overrides &&
    Array.isArray(action.formats) &&
    // A panel has nowhere to ask for a parameter (a language…).
    Array.isArray(action.params) &&
    action.params.every((param) => isObject(param) && param.required === false)
  );
}
