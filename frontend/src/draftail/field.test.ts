import { beforeEach, describe, expect, it } from 'vitest';

import {
  editorOptions,
  featuresFromOptions,
  fieldInfo,
  findFieldInput,
  HOST_CONTROL,
} from './field';

const FEATURE_TYPES = {
  'blockTypes:header-two': 'h2',
  'blockTypes:unordered-list-item': 'ul',
  'inlineStyles:BOLD': 'bold',
  'entityTypes:LINK': 'link',
  'controls:wagtail-ai-blocks-button': 'ai',
  enableHorizontalRule: 'hr',
};

const options = {
  blockTypes: [{ type: 'header-two' }, { type: 'unordered-list-item' }],
  inlineStyles: [{ type: 'BOLD' }],
  entityTypes: [{ type: 'LINK' }],
  enableHorizontalRule: true,
  controls: [
    { type: 'wagtail-ai-blocks-button' },
    { type: HOST_CONTROL, featureTypes: FEATURE_TYPES },
  ],
};

function render(attributes = ''): HTMLElement {
  document.body.innerHTML = `
    <div>
      <input type="hidden" name="sections-0-value" id="sections-0-value" ${attributes}>
      <div class="Draftail-Editor__wrapper" data-draftail-editor-wrapper>
        <div class="Draftail-Editor" data-draftail-editor><span id="inside"></span></div>
      </div>
    </div>`;
  return document.getElementById('inside')!;
}

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('field', () => {
  it('finds the hidden input next to the editor', () => {
    expect(findFieldInput(render())?.name).toBe('sections-0-value');
  });

  it('names the features from the editor options', () => {
    expect(featuresFromOptions(options)).toEqual(['h2', 'ul', 'bold', 'link', 'ai', 'hr']);
  });

  it('knows nothing without the map', () => {
    expect(featuresFromOptions({ ...options, controls: [] })).toBeNull();
  });

  it('reads the options from the live editor first', () => {
    const element = render();
    Object.assign(findFieldInput(element)!, { draftailEditor: { props: options } });

    expect(fieldInfo(element)).toEqual({
      name: 'sections-0-value',
      features: ['h2', 'ul', 'bold', 'link', 'ai', 'hr'],
    });
  });

  it('falls back to the options Wagtail rendered on the input', () => {
    const element = render(`data-w-init-detail-value='${JSON.stringify(options)}'`);

    expect(editorOptions(findFieldInput(element)!)).toEqual(options);
    expect(fieldInfo(element).features).toContain('bold');
  });

  it('names the model field, not the block, inside a StreamField', () => {
    const element = render();
    const container = findFieldInput(element)!.parentElement!;
    document.body.innerHTML =
      '<div data-contentpath="sections"><div data-contentpath="a1b2"></div></div>';
    document.querySelector('[data-contentpath="a1b2"]')!.append(container);

    expect(fieldInfo(element).name).toBe('sections');
  });

  it('says nothing about a field it cannot find', () => {
    document.body.innerHTML = '<span id="alone"></span>';

    expect(fieldInfo(document.getElementById('alone')!)).toEqual({});
  });
});
