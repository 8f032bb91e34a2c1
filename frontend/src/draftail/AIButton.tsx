import { ToolbarButton } from 'draftail';
import React, { useRef } from 'react';

import { gettext, interpolate } from '../i18n';
import { richTextActions } from './actions';
import { pageConfig } from './availability';
import { requestOpen } from './events';
import { Icon } from './Icon';
import { shortcutLabel } from './shortcut';

/**
 * The "AI" button of Draftail's inline toolbar (floating, or pinned at the
 * top). It only asks the editor's host (`AIHost`) to open the menu, so it
 * ignores the editor props Draftail passes to controls. It shows where the
 * page has the client config (rendered only for users who may use AI) and the
 * site offers a rich-text action; the allowance loads with the menu.
 *
 * Renders: <span class="wab-draftail-button"><button class="Draftail-ToolbarButton"
 *   aria-label="AI actions (Ctrl+Shift+A)">✦ AI</button></span>
 */
export function AIButton() {
  const ref = useRef<HTMLSpanElement>(null);
  // No config: the user may not use AI. No rich-text action: the site offers none.
  const config = pageConfig();
  if (!config || richTextActions(config).length === 0) return null;

  return (
    <span ref={ref} className="wab-draftail-button">
      <ToolbarButton
        name="wagtail-ai-blocks"
        label={gettext('AI')}
        title={interpolate(gettext('AI actions (%(shortcut)s)'), { shortcut: shortcutLabel() })}
        icon={<Icon name="ai-sparkle" />}
        onClick={() => {
          requestOpen(ref.current);
        }}
      />
    </span>
  );
}
