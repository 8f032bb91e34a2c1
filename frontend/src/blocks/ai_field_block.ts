/**
 * The JavaScript side of AI StreamField blocks (`wagtail_ai_blocks/blocks/`).
 *
 * Each block's telepath adapter sends Wagtail's usual `FieldBlock` arguments
 * plus the `wab-ai-field` controller's attributes. Rendering is Wagtail's own;
 * the definition only sets those attributes on the block and marks its input,
 * and Stimulus attaches the controller. So a block gets its AI assistance
 * however it appears: added, duplicated, moved, nested in a StructBlock,
 * ListBlock or StreamBlock, or rendered again when the page is reopened.
 *
 * @example
 * // What a rendered AITextBlock looks like (Wagtail's FieldBlock markup, abridged):
 * <div class="w-field__wrapper" data-field-wrapper
 *      data-controller="wab-ai-field"
 *      data-wab-ai-field-action-value="improve"
 *      data-wab-ai-field-mode-value="section"
 *      data-wab-ai-field-field-value="text">
 *   <div class="w-field" data-field>
 *     <textarea name="sections-0-value" id="sections-0-value" data-wab-ai-field-target="input"></textarea>
 *   </div>
 * </div>
 */

import { byAttribute } from '../editor/dom';
import { INPUT_TARGET_ATTR } from '../panel/options';

/** What this module needs of Wagtail's `FieldBlock` (a rendered block). */
export interface RenderedFieldBlock {
  element: HTMLElement;
}

/** What this module needs of Wagtail's `FieldBlockDefinition`. */
export type FieldBlockDefinitionClass = new (
  name: string,
  widget: unknown,
  meta: Record<string, unknown>,
) => {
  render(
    placeholder: Element,
    prefix: string,
    initialState: unknown,
    initialError?: unknown,
    parentCapabilities?: unknown,
  ): RenderedFieldBlock;
};

declare global {
  interface Window {
    /** Wagtail's StreamField classes (wagtailadmin/js/telepath/blocks.js). */
    wagtailStreamField?: { blocks?: { FieldBlockDefinition?: FieldBlockDefinitionClass } };
  }
}

/** Telepath names of the AI blocks: each block's dotted path (`js_constructor`). */
export const AI_BLOCK_NAMES = [
  'wagtail_ai_blocks.blocks.mixin.AIBlockMixin',
  'wagtail_ai_blocks.blocks.text.AICharBlock',
  'wagtail_ai_blocks.blocks.text.AITextBlock',
  'wagtail_ai_blocks.blocks.rich_text.AIRichTextBlock',
  'wagtail_ai_blocks.blocks.image.AIAltTextBlock',
] as const;

/** Put the controller's attributes on a rendered block and mark its input. */
export function enhanceBlock(
  element: HTMLElement,
  prefix: string,
  attributes: Record<string, string>,
): void {
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'data-controller') {
      const controllers = new Set((element.getAttribute(name) ?? '').split(/\s+/).filter(Boolean));
      controllers.add(value);
      element.setAttribute(name, [...controllers].join(' '));
    } else {
      element.setAttribute(name, value);
    }
  }
  // The widget's input has the block's prefix as its id (Draftail: its hidden input).
  const input =
    element.querySelector(byAttribute('id', prefix)) ??
    element.querySelector(byAttribute('name', prefix));
  input?.setAttribute(INPUT_TARGET_ATTR, 'input');
}

/** A `FieldBlockDefinition` subclass that takes the controller's attributes as a fourth argument. */
export function defineAIFieldBlock(Base: FieldBlockDefinitionClass) {
  return class AIFieldBlockDefinition extends Base {
    readonly aiAttributes: Record<string, string>;

    constructor(
      name: string,
      widget: unknown,
      meta: Record<string, unknown>,
      aiAttributes: Record<string, string> = {},
    ) {
      super(name, widget, meta);
      this.aiAttributes = aiAttributes;
    }

    override render(
      placeholder: Element,
      prefix: string,
      initialState: unknown,
      initialError?: unknown,
      parentCapabilities?: unknown,
    ): RenderedFieldBlock {
      const block = super.render(
        placeholder,
        prefix,
        initialState,
        initialError,
        parentCapabilities,
      );
      enhanceBlock(block.element, prefix, this.aiAttributes);
      return block;
    }
  };
}
