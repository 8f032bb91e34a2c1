import { Application } from '@hotwired/stimulus';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { ClientConfig, GenerateRequest, GenerateResponse, Quota } from '../api';
import { REQUEST_TIMEOUT_MS } from '../editor/timed';
import { AIFieldController } from './ai_field_controller';
import { PanelSession } from './session';
import { resetPageQuota } from '../editor/quota';

const config: ClientConfig = {
  urls: {
    generate: '/ai/generate/',
    stream: '/ai/stream/',
    quota: '/ai/quota/',
    panel_session: '/static/panel_session.js',
  },
  csrfToken: 'token',
  provider: { provider: 'OpenAI', model: 'gpt-4o-mini' },
};

const quota: Quota = { limit: 10, remaining: 7, reset: 1800, tier: 'user' };

function answer(...texts: string[]): GenerateResponse {
  return {
    candidates: texts.map((text) => ({ text, length: text.length, lost_entities: [] })),
    action: 'seo_title',
    backend: 'default',
    model: 'gpt-4o-mini',
    cache: 'miss',
    usage: { input_tokens: 10, output_tokens: 10, cost: 0 },
    quota: { ...quota, remaining: 6 },
  };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });

/** Answers GET quota with `quotaResponse` and each POST generate with the next of `answers`. */
function mockServer(
  answers: (() => Response | Promise<Response>)[],
  quotaResponse = () => json({ quota, tiers: [quota], provider: {} }),
) {
  const requests: GenerateRequest[] = [];
  const fetchMock = vi.fn((url: string, init?: RequestInit) => {
    if (url === config.urls.quota) return Promise.resolve(quotaResponse());
    requests.push(JSON.parse(init?.body as string) as GenerateRequest);
    const next = answers.shift();
    if (!next) throw new Error('unexpected request');
    return Promise.resolve(next());
  });
  vi.stubGlobal('fetch', fetchMock);
  return requests;
}

const FIELD = `
  <div data-controller="wab-ai-field"
       data-wab-ai-field-action-value="seo_title"
       data-wab-ai-field-field-value="seo_title"
       data-wab-ai-field-max-length-value="20"
       data-wab-ai-field-candidates-value="3"
       data-wab-ai-field-context-fields-value='["title", "intro"]'
       data-wab-ai-field-page-value='{"titleField": "title", "type": "Blog page", "locale": "en"}'
       data-wab-ai-field-labels-value='{"generate": "Generate", "improve": "Improve"}'>
    <input type="text" name="seo_title" id="id_seo_title" maxlength="255" data-wab-ai-field-target="input">
  </div>`;

let app: Application;

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

async function mount(field = FIELD, pageConfig: ClientConfig = config): Promise<HTMLElement> {
  document.body.innerHTML = `
    <script type="application/json" id="wagtail-ai-blocks-config">${JSON.stringify(pageConfig)}</script>
    <form>
      <input name="title" value="Caring for Monstera">
      <textarea name="intro">Light, water and support.</textarea>
      ${field}
    </form>`;
  app = Application.start();
  app.register('wab-ai-field', AIFieldController);
  await settle();
  return document.querySelector('[data-controller="wab-ai-field"]')!;
}

const runButton = () => document.querySelector<HTMLButtonElement>('.wab-ai-field__run')!;
const input = () => document.querySelector<HTMLInputElement>('#id_seo_title')!;
const shownTexts = () =>
  Array.from(document.querySelectorAll('.wab-ai-field__candidate .wab-ai-field__text')).map(
    (element) => element.textContent,
  );
const errorText = () => document.querySelector('.wab-ai-field__error')!.textContent;

beforeEach(() => {
  resetPageQuota();
  // The panel's work is on the page already: the controller finds it without a script.
  window.wagtailAIBlocksPanelSession = { PanelSession };
});

afterEach(() => {
  delete window.wagtailAIBlocksPanelSession;
  app.stop();
  document.body.innerHTML = '';
  vi.useRealTimers();
});

describe('the wab-ai-field controller', () => {
  it('offers Generate on an empty field and Improve once it has text, with the quota', async () => {
    mockServer([]);
    await mount();

    expect(runButton().textContent).toBe('Generate');
    expect(document.querySelector('.wab-ai-field__quota')!.textContent).toBe(
      '7 of 10 AI requests left this hour',
    );

    input().value = 'Monstera';
    input().dispatchEvent(new Event('input', { bubbles: true }));
    await settle();
    expect(runButton().textContent).toBe('Improve');
  });

  it('asks for suggestions with the page and the named fields as context', async () => {
    const requests = mockServer([() => json(answer('Monstera care 101', 'Grow a Monstera'))]);
    await mount();
    (document.querySelector('[name=title]') as HTMLInputElement).value = 'Unsaved title';

    runButton().click();
    await settle();

    expect(requests).toEqual([
      {
        action: 'seo_title',
        text: '',
        format: 'text',
        context: {
          page_title: 'Unsaved title',
          page_type: 'Blog page',
          locale: 'en',
          fields: { intro: 'Light, water and support.' },
        },
        field: { name: 'seo_title', max_length: 20 },
        candidates: 3,
      },
    ]);
    expect(shownTexts()).toEqual(['Monstera care 101', 'Grow a Monstera']);
    expect(
      Array.from(document.querySelectorAll('.wab-ai-field__count'), (e) => e.textContent),
    ).toEqual(['17 / 20 characters', '15 / 20 characters']);
    expect(document.querySelector('.wab-ai-field__quota')!.textContent).toBe(
      '6 of 10 AI requests left this hour',
    );
  });

  it('never offers a suggestion over the limit, and says how many it left out', async () => {
    mockServer([() => json(answer('A title that is far too long', 'Short one'))]);
    await mount();

    runButton().click();
    await settle();

    expect(shownTexts()).toEqual(['Short one']);
    expect(document.querySelector('.wab-ai-field__note')!.textContent).toBe(
      '1 suggestion did not fit this field and is not shown.',
    );
  });

  it('fills the field with the suggestion used, fires input and change, and closes the list', async () => {
    mockServer([() => json(answer('First idea', 'Second idea', 'Third idea'))]);
    const element = await mount();
    const events: string[] = [];
    input().addEventListener('input', () => events.push('input'));
    input().addEventListener('change', () => events.push('change'));
    const used = vi.fn();
    element.addEventListener('wab-ai-field:used', used);

    runButton().click();
    await settle();
    document.querySelector<HTMLButtonElement>('[aria-label="Use suggestion 2"]')!.click();
    await settle();

    expect(input().value).toBe('Second idea');
    expect(events).toEqual(['input', 'change']);
    expect(document.querySelector<HTMLElement>('.wab-ai-field__suggestions')!.hidden).toBe(true);
    expect(runButton().textContent).toBe('Improve');
    expect(used).toHaveBeenCalledOnce();
  });

  it('loads its work on the first click only, and says so when that fails, field untouched', async () => {
    delete window.wagtailAIBlocksPanelSession;
    mockServer([() => json(answer('First idea'))]);
    await mount(FIELD, {
      ...config,
      urls: { ...config.urls, panel_session: '/static/panel-session-test.js' },
    });
    const before = input().value;
    const scripts = () =>
      document.head.querySelectorAll('script[src="/static/panel-session-test.js"]');
    expect(scripts()).toHaveLength(0);

    runButton().click();
    expect(runButton().getAttribute('aria-disabled')).toBe('true');
    scripts()[0]!.dispatchEvent(new Event('error'));
    await settle();

    expect(errorText()).toBe('The AI tools could not be loaded. Reload the page and try again.');
    expect(input().value).toBe(before);
    expect(runButton().hasAttribute('aria-disabled')).toBe(false);

    runButton().click();
    window.wagtailAIBlocksPanelSession = { PanelSession };
    scripts()[1]!.dispatchEvent(new Event('load'));
    await settle();

    expect(scripts()).toHaveLength(2);
    expect(shownTexts()).toEqual(['First idea']);
    for (const script of scripts()) script.remove();
  });

  it('asks again with refresh, and keeps the suggestions and the field when that fails', async () => {
    const requests = mockServer([
      () => json(answer('First idea')),
      () =>
        json(
          {
            error: {
              code: 'rate_limited',
              message: 'You have used all your AI requests for now. Try again in 3 minutes.',
            },
          },
          429,
          { 'Retry-After': '180' },
        ),
    ]);
    await mount();
    input().value = 'Kept';

    runButton().click();
    await settle();
    document.querySelector<HTMLButtonElement>('.wab-ai-field__actions button')!.click();
    await settle();

    expect(requests[1]).toMatchObject({ text: 'Kept', refresh: true });
    // The server says when, and the panel does not say it twice.
    expect(errorText()).toBe('You have used all your AI requests for now. Try again in 3 minutes.');
    expect(shownTexts()).toEqual(['First idea']);
    expect(input().value).toBe('Kept');
  });

  it('shows provider errors as the server words them', async () => {
    mockServer([
      () =>
        json(
          { error: { code: 'provider_error', message: 'The AI service failed. Try again.' } },
          502,
        ),
    ]);
    await mount();

    runButton().click();
    await settle();

    expect(errorText()).toBe('The AI service failed. Try again.');
    expect(runButton().hasAttribute('aria-disabled')).toBe(false);
  });

  it('gives up after its timeout with a clear message', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    vi.stubGlobal(
      'fetch',
      vi.fn((url: string, init?: RequestInit) =>
        url === config.urls.quota
          ? Promise.resolve(json({ quota, tiers: [], provider: {} }))
          : new Promise((_resolve, reject) => {
              init?.signal?.addEventListener('abort', () => {
                reject(new DOMException('Aborted', 'AbortError'));
              });
            }),
      ),
    );
    const mounted = mount();
    await vi.advanceTimersByTimeAsync(10);
    await mounted;

    runButton().click();
    expect(runButton().getAttribute('aria-disabled')).toBe('true');
    await vi.advanceTimersByTimeAsync(REQUEST_TIMEOUT_MS + 10);

    expect(errorText()).toBe('The AI service took too long to answer. Try again.');
    expect(runButton().hasAttribute('aria-disabled')).toBe(false);
  });

  it('says when the offline model answers, only then', async () => {
    mockServer([]);
    await mount(FIELD, {
      ...config,
      provider: { ...config.provider, offline: true, offline_help: 'Connect a provider.' },
    });

    const note = document.querySelector('.wab-ai-field__assist details.wab-offline-note')!;
    expect(note.querySelector('summary')!.textContent).toBe('Offline model — rough drafts');
    expect(note.textContent).toContain('Connect a provider.');
    app.stop();
    await mount();
    expect(document.querySelector('.wab-ai-field__assist')).not.toBe(null);
    expect(document.querySelector('.wab-offline-note')).toBe(null);
  });

  it('offers the library’s field prompts, each asked with its id, and Try again asks it again', async () => {
    const fieldAction = {
      label: '',
      description: '',
      kind: 'field',
      output: 'replace',
      formats: ['text', 'html'],
      params: [],
      candidates: 3,
    };
    const requests = mockServer([
      () => json(answer('Monstera, simply')),
      () => json(answer('Monstera, plainly')),
    ]);
    await mount(FIELD, {
      ...config,
      actions: [
        { ...fieldAction, id: 'seo_title', label: 'Suggest an SEO title' },
        {
          ...fieldAction,
          id: 'prompt_5',
          label: 'Plain-words title',
          source: 'library',
          prompt_id: 5,
          fields: [],
          page_types: ['Blog page'],
          overrides: '',
          candidates: 2,
        },
      ],
    } as ClientConfig);
    const prompt = Array.from(document.querySelectorAll('button')).find(
      (button) => button.textContent === 'Plain-words title',
    )!;

    prompt.click();
    await settle();
    Array.from(document.querySelectorAll('button'))
      .find((button) => button.textContent === 'Try again')!
      .click();
    await settle();

    expect(runButton().hidden).toBe(false);
    expect(requests.map((request) => [request.action, request.params, request.refresh])).toEqual([
      ['prompt_5', { prompt_id: 5 }, undefined],
      ['prompt_5', { prompt_id: 5 }, true],
    ]);
    expect(requests[0]).toMatchObject({
      field: { name: 'seo_title', max_length: 20 },
      candidates: 2,
      context: { page_type: 'Blog page' },
    });
    expect(shownTexts()).toEqual(['Monstera, plainly']);
  });

  it('has no Generate button for an action the site hides, and no panel with nothing to offer', async () => {
    mockServer([]);
    await mount(FIELD, { ...config, actions: [] } as ClientConfig);

    expect(runButton().hidden).toBe(true);
    expect(document.querySelector<HTMLElement>('.wab-ai-field__assist')!.hidden).toBe(true);
  });

  it('asks for a heading with the text of the blocks around it', async () => {
    const requests = mockServer([() => json(answer('Light needs'))]);
    await mount(`
      <div class="stream">
        <div data-streamfield-child><textarea name="s-0-value">Monstera likes bright light.</textarea></div>
        <div data-streamfield-child>
          <div data-controller="wab-ai-field"
               data-wab-ai-field-action-value="heading"
               data-wab-ai-field-field-value="heading"
               data-wab-ai-field-max-length-value="80">
            <input type="text" name="s-1-value" id="id_heading" data-wab-ai-field-target="input">
          </div>
        </div>
        <div data-streamfield-child><textarea name="s-2-value">Keep it out of direct sun.</textarea></div>
      </div>`);

    runButton().click();
    await settle();

    expect(requests[0]).toMatchObject({
      action: 'heading',
      text: '',
      context: { neighbours: ['Monstera likes bright light.', 'Keep it out of direct sun.'] },
    });
  });

  it('hides itself when the editor may not use AI', async () => {
    mockServer([], () =>
      json({ error: { code: 'permission_denied', message: 'No permission.' } }, 403),
    );
    await mount();

    expect(document.querySelector<HTMLElement>('.wab-ai-field__assist')!.hidden).toBe(true);
  });

  it('stays available when the quota cannot be read', async () => {
    mockServer([], () => json({ error: { code: 'internal_error', message: 'Oops.' } }, 500));
    await mount();

    expect(document.querySelector<HTMLElement>('.wab-ai-field__assist')!.hidden).toBe(false);
    expect(document.querySelector('.wab-ai-field__quota')!.textContent).toBe('');
  });

  it('only improves with a rewrite action: the button waits for text', async () => {
    mockServer([]);
    await mount(
      FIELD.replace(
        'data-wab-ai-field-action-value="seo_title"',
        'data-wab-ai-field-action-value="shorten" data-wab-ai-field-mode-value="rewrite"',
      ),
    );

    expect(runButton().getAttribute('aria-disabled')).toBe('true');
    input().value = 'Some text';
    input().dispatchEvent(new Event('input', { bubbles: true }));
    await settle();
    expect(runButton().hasAttribute('aria-disabled')).toBe(false);
  });

  it('does nothing without the page config', async () => {
    document.body.innerHTML = FIELD;
    app = Application.start();
    app.register('wab-ai-field', AIFieldController);
    await settle();

    expect(document.querySelector('.wab-ai-field__assist')).toBeNull();
  });

  it('removes its assistance when disconnected, and adds it once when connected again', async () => {
    mockServer([]);
    const element = await mount();
    const form = element.parentElement!;

    element.remove();
    await settle();
    expect(element.querySelector('.wab-ai-field__assist')).toBeNull();
    form.append(element);
    await settle();
    expect(element.querySelectorAll('.wab-ai-field__assist')).toHaveLength(1);
  });
});
