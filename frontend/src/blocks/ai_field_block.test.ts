import { describe, expect, it, vi } from 'vitest';

import { defineAIFieldBlock, enhanceBlock } from './ai_field_block';

/** Stands in for Wagtail's FieldBlockDefinition: renders a wrapper with the widget's input. */
class FakeFieldBlockDefinition {
  constructor(
    readonly name: string,
    readonly widget: unknown,
    readonly meta: Record<string, unknown>,
  ) {}

  render(placeholder: Element, prefix: string) {
    const element = document.createElement('div');
    element.className = 'w-field__wrapper';
    element.setAttribute('data-controller', 'w-other');
    element.innerHTML = `<div data-field><textarea id="${prefix}" name="${prefix}"></textarea></div>`;
    placeholder.replaceWith(element);
    return { element, prefix };
  }
}

const attributes = {
  'data-controller': 'wab-ai-field',
  'data-wab-ai-field-action-value': 'improve',
  'data-wab-ai-field-mode-value': 'section',
};

describe('defineAIFieldBlock', () => {
  it('renders like its base and adds the controller to the block', () => {
    const AIFieldBlockDefinition = defineAIFieldBlock(FakeFieldBlockDefinition);
    const definition = new AIFieldBlockDefinition('text', {}, { label: 'Text' }, attributes);
    document.body.innerHTML = '<div id="placeholder"></div>';
    const render = vi.spyOn(FakeFieldBlockDefinition.prototype, 'render');

    const block = definition.render(
      document.getElementById('placeholder')!,
      'sections-0-value',
      '',
    );

    expect(render).toHaveBeenCalledWith(
      expect.any(Element),
      'sections-0-value',
      '',
      undefined,
      undefined,
    );
    expect(definition).toMatchObject({ name: 'text', meta: { label: 'Text' } });
    expect(block.element.getAttribute('data-controller')).toBe('w-other wab-ai-field');
    expect(block.element.getAttribute('data-wab-ai-field-mode-value')).toBe('section');
    expect(
      document.getElementById('sections-0-value')!.getAttribute('data-wab-ai-field-target'),
    ).toBe('input');
  });

  it('gives every rendering (added, duplicated) its own controller attributes', () => {
    const AIFieldBlockDefinition = defineAIFieldBlock(FakeFieldBlockDefinition);
    const definition = new AIFieldBlockDefinition('text', {}, {}, attributes);
    document.body.innerHTML = '<div id="a"></div><div id="b"></div>';

    definition.render(document.getElementById('a')!, 'sections-0-value', 'One');
    definition.render(document.getElementById('b')!, 'sections-1-value', 'One');

    expect(document.querySelectorAll('[data-controller~="wab-ai-field"]')).toHaveLength(2);
    expect(document.querySelectorAll('[data-wab-ai-field-target="input"]')).toHaveLength(2);
  });
});

describe('enhanceBlock', () => {
  it('finds a Draftail widget by the name of its hidden input', () => {
    document.body.innerHTML =
      '<div id="block"><input type="hidden" name="s-0-value" data-draftail-input></div>';
    const element = document.getElementById('block')!;

    enhanceBlock(element, 's-0-value', { 'data-controller': 'wab-ai-field' });

    expect(element.querySelector('input')!.getAttribute('data-wab-ai-field-target')).toBe('input');
    expect(element.getAttribute('data-controller')).toBe('wab-ai-field');
  });
});
