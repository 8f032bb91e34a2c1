import { ToolbarButton } from 'draftail';
import React, { useRef } from 'react';

import { gettext, interpolate } from '../i18n';
import { isAvailable, useQuota } from './availability';
import { requestOpen } from './events';
import { Icon } from './Icon';
import { shortcutLabel } from './shortcut';

/**
 * The "AI" button of Draftail's inline toolbar (floating, or pinned at the
 * top). It only asks the editor's host (`AIHost`) to open the menu, so it
 * ignores the editor props Draftail passes to controls.
 *
 * Renders: <span class="wab-draftail-button"><button class="Draftail-ToolbarButton"
 *   aria-label="AI actions (Ctrl+Shift+A)">✦ AI</button></span>
 */
export function AIButton() {
  const ref = useRef<HTMLSpanElement>(null);
  const quota = useQuota();
  if (!isAvailable(quota)) return null;

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
