/**
 * The `once` bundle: loads the assets listed in its own `data-wab-assets`
 * attribute (a JSON list of URLs) unless the page already has them
 * (`editor/once.ts`).
 *
 * @example
 * <script src="…/js/once.js" data-wab-assets='["…/js/panel.js?v=1", "…/css/panel.css?v=1"]'></script>
 */

import { loadOnce } from '../editor/once';

function listed(script: HTMLOrSVGScriptElement | null): string[] {
  try {
    const value: unknown = JSON.parse(script?.getAttribute('data-wab-assets') ?? '[]');
    return Array.isArray(value) ? value.filter((url) => typeof url === 'string') : [];
  } catch {
    return [];
  }
}

loadOnce(listed(document.currentScript));
