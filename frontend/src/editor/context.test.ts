import { beforeEach, describe, expect, it } from 'vitest';

import { fieldText, neighbours, pageContext, pageInfo, textWithin } from './context';

const raw = (...texts: string[]) =>
  JSON.stringify({
    blocks: texts.map((text) => ({ type: 'unstyled', text, depth: 0 })),
    entityMap: {},
  });

function form(html: string): HTMLFormElement {
  document.body.innerHTML = `<form>${html}</form>`;
  return document.querySelector('form')!;
}

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('fieldText', () => {
  it('reads the current value of an input, a textarea and a select', () => {
    const element = form(`
      <input name="title" value=" Monstera ">
      <textarea name="intro">Light and water.</textarea>
      <select name="kind"><option value="1" selected>Houseplant</option></select>`);

    expect(fieldText(element, 'title')).toBe('Monstera');
    expect(fieldText(element, 'intro')).toBe('Light and water.');
    expect(fieldText(element, 'kind')).toBe('Houseplant');
  });

  it('reads the text of a Draftail field from its hidden input', () => {
    const element = form(`<input type="hidden" name="body" data-draftail-input>`);
    element.querySelector('input')!.value = raw('First.', 'Second.');

    expect(fieldText(element, 'body')).toBe('First.\nSecond.');
  });

  it('reads the text of a StreamField from its wrapper, without bookkeeping inputs', () => {
    const element = form(`
      <div data-contentpath="sections">
        <input type="hidden" name="sections-count" value="2">
        <input type="hidden" name="sections-0-type" value="heading">
        <input type="text" name="sections-0-value" value="Pests">
        <input type="hidden" name="sections-1-value" data-draftail-input>
      </div>`);
    element.querySelector<HTMLInputElement>('[data-draftail-input]')!.value = raw('Check leaves.');

    expect(fieldText(element, 'sections')).toBe('Pests\nCheck leaves.');
  });

  it('prefers the sibling field of the same InlinePanel child', () => {
    const element = form(`
      <input name="credit" value="page credit">
      <input name="gallery-0-credit" value="first credit">
      <input name="gallery-1-credit" value="second credit">`);

    expect(fieldText(element, 'credit', 'gallery-1-caption')).toBe('second credit');
    expect(fieldText(element, 'credit', 'caption')).toBe('page credit');
  });

  it('gives an empty string for a field that is not in the form', () => {
    expect(fieldText(form(''), 'missing')).toBe('');
  });
});

describe('pageContext', () => {
  it('reads the live title from the form, with the type and locale', () => {
    const element = form('<input name="title" value="New title">');

    expect(
      pageContext(
        { title: 'Saved title', titleField: 'title', type: 'Blog page', locale: 'en' },
        element,
      ),
    ).toEqual({ page_title: 'New title', page_type: 'Blog page', locale: 'en' });
  });

  it('falls back to the saved title and leaves out what it does not know', () => {
    expect(pageContext({ title: 'A snippet' }, null)).toEqual({ page_title: 'A snippet' });
  });

  it("takes Wagtail's locale when the server gave none: the one being edited, else the only one", () => {
    window.wagtailConfig = { LOCALES: [{ code: 'en', display_name: 'English' }] };
    expect(pageContext({}, null)).toEqual({ locale: 'en' });

    window.wagtailConfig = {
      ACTIVE_CONTENT_LOCALE: 'fr',
      LOCALES: [{ code: 'en' }, { code: 'fr' }],
    };
    expect(pageContext({ type: 'Blog page' }, null)).toEqual({
      page_type: 'Blog page',
      locale: 'fr',
    });
    expect(pageContext({ locale: 'de' }, null)).toEqual({ locale: 'de' });

    window.wagtailConfig = { LOCALES: [{ code: 'en' }, { code: 'fr' }] };
    expect(pageContext({}, null)).toEqual({});
    delete window.wagtailConfig;
  });
});

describe('pageInfo', () => {
  const config = {
    urls: { generate: '/g/', stream: '/s/', quota: '/q/' },
    provider: { provider: 'OpenAI', model: 'm' },
    page: { type: 'Blog page', titleField: 'title', locale: 'en' },
  };

  it("prefers the control's own, then the server's page, then the title field", () => {
    expect(pageInfo({ type: 'Own' }, config)).toEqual({ type: 'Own' });
    expect(pageInfo({}, config)).toEqual(config.page);
    expect(pageInfo(null, { ...config, page: undefined })).toEqual({ titleField: 'title' });
    expect(pageInfo(null, null)).toEqual({ titleField: 'title' });
  });
});

describe('neighbours', () => {
  it('gives the text of the sibling StreamField children before and after', () => {
    form(`
      <div class="container">
        <div data-streamfield-child><input type="text" name="s-0-value" value="Light"></div>
        <div class="inserter"><input type="text" name="search" value="not a block"></div>
        <div data-streamfield-child><input type="text" name="s-1-value" value=""></div>
        <div data-streamfield-child id="me"><textarea name="s-2-value">Mine</textarea></div>
        <div data-streamfield-child><input type="text" name="s-3-value" value="Pests"></div>
      </div>`);

    expect(neighbours(document.getElementById('me')!.querySelector('textarea')!)).toEqual({
      before: ['Light'],
      after: ['Pests'],
    });
  });

  it('reads the rich text of a neighbour whose Draftail input has no marker', () => {
    form(`
      <div data-streamfield-child>
        <input type="hidden" name="s-0-id" value="abc">
        <div><input type="hidden" name="s-0-value" id="rich"><div data-draftail-editor-wrapper></div></div>
      </div>
      <div data-streamfield-child id="me"><textarea name="s-1-value"></textarea></div>`);
    (document.getElementById('rich') as HTMLInputElement).value = raw('Earlier section.');

    expect(neighbours(document.getElementById('me')!).before).toEqual(['Earlier section.']);
  });

  it('gives nothing outside a StreamField', () => {
    form('<input name="title">');

    expect(neighbours(document.querySelector('input')!)).toEqual({ before: [], after: [] });
  });
});

describe('textWithin', () => {
  it('skips choosers and hidden inputs', () => {
    const element = form(`
      <input type="hidden" name="s-0-value" value="42">
      <input type="text" name="s-1-value" value="Text">
      <input type="checkbox" name="s-2-value" value="on">`);

    expect(textWithin(element)).toBe('Text');
  });
});
