/**
 * The `blocks` bundle: registers the AI StreamField blocks with telepath.
 *
 * Loaded as block media after Wagtail's `telepath/blocks.js` (whose
 * `FieldBlockDefinition` the blocks extend) and our `panel` bundle (the
 * controller they use), and before the StreamField is unpacked.
 */

import { AI_BLOCK_NAMES, defineAIFieldBlock } from '../blocks/ai_field_block';

declare global {
  interface Window {
    telepath?: { register(name: string, constructor: unknown): void };
  }
}

const Base = window.wagtailStreamField?.blocks?.FieldBlockDefinition;
if (Base && window.telepath) {
  const AIFieldBlockDefinition = defineAIFieldBlock(Base);
  for (const name of AI_BLOCK_NAMES) window.telepath.register(name, AIFieldBlockDefinition);
}
