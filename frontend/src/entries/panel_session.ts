/**
 * The `panel_session` bundle: the field panels' work (asking, offering the
 * suggestions that fit, putting the chosen one in), loaded by the `wab-ai-field`
 * controller (panel bundle) on a panel's first use.
 */

import type { PanelSessionBundle } from '../panel/ai_field_controller';
import { PanelSession } from '../panel/session';

window.wagtailAIBlocksPanelSession ??= { PanelSession } satisfies PanelSessionBundle;
