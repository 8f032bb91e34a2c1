import { beforeEach, describe, expect, it } from 'vitest';

import { fieldBox, findField, reveal } from './fields';

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('findField', () => {
  it('finds text inputs, textareas and Draftail’s hidden inputs by their name', () => {
    document.body.innerHTML = `
      <form>
        <div class="w-field__input"><input type="text" name="title"></div>
        <textarea name="intro"></textarea>
        <div class="w-field__input">
          <input type="hidden" name="sections-0-value" data-draftail-input>
          <div class="Draftail-Editor"></div>
        </div>
        <input type="hidden" name="sections-0-id">
      </form>`;
    const form = document.querySelector('form')!;

    expect(findField(form, 'title')?.kind).toBe('text');
    expect(findField(form, 'intro')?.kind).toBe('text');
    const rich = findField(form, 'sections-0-value')!;
    expect(rich.kind).toBe('rich');
    expect(fieldBox(rich)).toBe(document.querySelector('.Draftail-Editor'));
    expect(fieldBox(findField(form, 'title')!)).toBe(document.querySelector('.w-field__input'));
    // Hidden inputs that are not an editor, and fields that are gone, cannot be changed.
    expect(findField(form, 'sections-0-id')).toBeNull();
    expect(findField(form, 'sections-9-value')).toBeNull();
  });
});

describe('reveal', () => {
  it('opens the tab and then the collapsed panel that hide an element, outermost first', () => {
    document.body.innerHTML = `
      <a role="tab" href="#tab-promote">Promote</a>
      <section id="tab-promote" role="tabpanel" hidden>
        <button aria-expanded="false" aria-controls="panel-seo-content">SEO</button>
        <div id="panel-seo-content" hidden><input name="seo_title"></div>
      </section>`;
    const opened: string[] = [];
    const tab = document.querySelector<HTMLElement>('[role=tab]')!;
    const toggle = document.querySelector<HTMLButtonElement>('[aria-controls]')!;
    tab.addEventListener('click', () => {
      opened.push('tab');
      document.getElementById('tab-promote')!.hidden = false;
    });
    toggle.addEventListener('click', () => {
      opened.push('panel');
      document.getElementById('panel-seo-content')!.hidden = false;
    });

    reveal(document.querySelector('input')!);

    expect(opened).toEqual(['tab', 'panel']);
  });

  it('clicks nothing when the element is visible', () => {
    document.body.innerHTML = `
      <button aria-expanded="false" aria-controls="other">Other</button>
      <div id="panel"><input></div>`;
    let clicked = false;
    document.querySelector('button')!.addEventListener('click', () => (clicked = true));

    reveal(document.querySelector('input')!);

    expect(clicked).toBe(false);
  });
});
