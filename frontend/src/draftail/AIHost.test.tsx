import * as DraftJS from 'draft-js';
import { EditorState } from 'draft-js';
import React from 'react';
import ReactDOM from 'react-dom';
import { act } from 'react-dom/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { AIButton } from './AIButton';
import { AIHost } from './AIHost';
import { Assistant } from './Assistant';
import { resetPageConfig } from './availability';
import { OPEN_EVENT } from './events';
import { resetPageQuota } from '../editor/quota';
import {
  MONSTERA_TEXT,
  MONSTERA_URL,
  block,
  editorStateFrom,
  monsteraRaw,
  runs,
  select,
} from './testing';

const ACTIONS = [
  {
    id: 'shorten',
    label: 'Make shorter',
    description: '',
    kind: 'rewrite',
    output: 'replace',
    formats: ['html'],
    params: [],
    candidates: 1,
  },
];
const QUOTA = { limit: 10, remaining: 7, reset: 1800, tier: 'user' };
const SHORT = 'forgiving houseplant for bright light.';

function sse(events: [string, unknown][]): Response {
  const body = events
    .map(([name, data]) => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`)
    .join('');
  return new Response(body, { headers: { 'Content-Type': 'text/event-stream' } });
}

function answer(): Response {
  return sse([
    ['delta', { text: '<p><b>forgiving houseplant</b>' }],
    ['delta', { text: ' for bright light.</p>' }],
    [
      'done',
      {
        candidates: [
          {
            text: SHORT,
            html: null,
            length: SHORT.length,
            lost_entities: ['link:' + MONSTERA_URL],
            contentstate: {
              blocks: [
                block('x', SHORT, {
                  inlineStyleRanges: [{ offset: 0, length: 20, style: 'BOLD' }],
                }),
              ],
              entityMap: {},
            },
          },
        ],
        backend: 'openai',
        model: 'fake',
        cache: 'miss',
        usage: { input_tokens: 1, output_tokens: 1, cost: 0 },
        quota: { ...QUOTA, remaining: 6 },
      },
    ],
  ]);
}

function json(data: unknown, status = 200): Response {
  return new Response(JSON.stringify(data), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

let state: EditorState;
let root: HTMLElement;
let mount: HTMLElement;
let fetchMock: ReturnType<typeof vi.fn<(url: string, init?: RequestInit) => Promise<Response>>>;

function setUp(
  quotaResponse: () => Response = () => json({ quota: QUOTA, tiers: [QUOTA], provider: {} }),
  answerResponse: () => Response = answer,
) {
  document.body.innerHTML = `
    <script type="application/json" id="wagtail-ai-blocks-config">${JSON.stringify({
      urls: { generate: '/g', stream: '/s', quota: '/q', assist: '/static/assist.js' },
      provider: { provider: 'OpenAI', model: 'fake' },
      csrfToken: 't',
      actions: ACTIONS,
      page: { title: 'Saved title', titleField: 'title', type: 'Blog page', locale: 'en' },
    })}</script>
    <form>
      <input id="id_title" name="title" value="Caring for Monstera">
      <div>
        <input type="hidden" name="body" id="id_body">
        <div data-draftail-editor-wrapper><div data-draftail-editor><div id="mount"></div></div></div>
      </div>
    </form>`;
  root = document.querySelector('[data-draftail-editor]')!;
  mount = document.getElementById('mount')!;
  Object.assign(document.getElementById('id_body')!, {
    draftailEditor: { focus: vi.fn(), props: {} },
  });
  fetchMock = vi.fn<(url: string, init?: RequestInit) => Promise<Response>>((url) =>
    Promise.resolve(url === '/q' ? quotaResponse() : answerResponse()),
  );
  vi.stubGlobal('fetch', fetchMock);
  state = select(editorStateFrom(monsteraRaw()), 'first', 24, 'first', 70);
  const props = {
    getEditorState: () => state,
    onChange: (next: EditorState) => {
      state = next;
    },
  };
  act(() => {
    ReactDOM.render(
      <>
        <AIButton />
        <AIHost {...props} />
      </>,
      mount,
    );
  });
}

async function open(): Promise<void> {
  await act(async () => {
    root.dispatchEvent(new CustomEvent(OPEN_EVENT));
    // The assistant's bundle is on the page already (beforeEach): it loads in a few ticks.
    for (let tick = 0; tick < 5; tick += 1) await Promise.resolve();
  });
}

function button(name: string): HTMLButtonElement {
  const found = Array.from(document.querySelectorAll('button')).find(
    (b) => b.textContent.trim() === name,
  );
  if (!found) throw new Error(`no button ${name}`);
  return found;
}

beforeEach(() => {
  resetPageConfig();
  resetPageQuota();
  window.wagtailAIBlocksAssist = { Assistant };
  window.DraftJS = DraftJS;
  Element.prototype.scrollIntoView = vi.fn();
});

afterEach(() => {
  act(() => {
    ReactDOM.unmountComponentAtNode(mount);
  });
  document.body.innerHTML = '';
  document.head.innerHTML = '';
  delete window.wagtailAIBlocksAssist;
  delete window.wagtailAIBlocksLibraries;
});

describe('AIHost', () => {
  it('opens the menu with the quota, streams the answer, and Replace changes the text once', async () => {
    setUp();
    await open();

    const menu = document.querySelector('.wab-draftail-menu')!;
    await vi.waitFor(() => {
      expect(menu.textContent).toContain('7 of 10 AI requests left this hour');
    });
    expect(document.activeElement?.textContent).toBe('Make shorter');

    await act(async () => {
      button('Make shorter').click();
      await Promise.resolve();
    });
    await vi.waitFor(() => {
      expect(document.querySelector('.wab-draftail-preview__status')?.textContent).toBe(
        'Answer ready',
      );
    });
    const request: unknown = JSON.parse(fetchMock.mock.calls[1]?.[1]?.body as string);
    expect(request).toMatchObject({
      action: 'shorten',
      format: 'html',
      text: '<p><b>forgiving houseplant</b> that rewards bright light</p>',
      // The live title from the form, the type and locale the server said.
      context: { page_title: 'Caring for Monstera', page_type: 'Blog page', locale: 'en' },
      field: { name: 'body' },
    });
    expect(document.querySelector('.wab-draftail-preview__warning')?.textContent).toContain(
      MONSTERA_URL,
    );
    const original = state;

    act(() => {
      button('Replace').click();
    });

    expect(document.querySelector('.wab-draftail-preview')).toBeNull();
    expect(state.getCurrentContent().getFirstBlock().getText()).toBe(
      `Monstera deliciosa is a ${SHORT}${MONSTERA_TEXT.slice(70)}`,
    );
    expect(runs(state, 'first')[1]).toEqual({
      text: 'forgiving houseplant',
      styles: ['BOLD'],
      url: null,
    });
    expect(EditorState.undo(state).getCurrentContent()).toBe(original.getCurrentContent());

    // The menu now shows the allowance the answer reported.
    await open();
    expect(document.querySelector('.wab-draftail-menu')?.textContent).toContain(
      '6 of 10 AI requests',
    );
  });

  it('asks the model again, past the cache, on Try again', async () => {
    setUp();
    await open();
    await act(async () => {
      button('Make shorter').click();
      await Promise.resolve();
    });
    await vi.waitFor(() => {
      expect(button('Try again')).toBeTruthy();
    });

    await act(async () => {
      button('Try again').click();
      await Promise.resolve();
    });

    const bodies = fetchMock.mock.calls
      .slice(1)
      .map(([, init]) => JSON.parse(init?.body as string) as unknown);
    expect(bodies).toEqual([
      expect.not.objectContaining({ refresh: true }),
      expect.objectContaining({ action: 'shorten', refresh: true }),
    ]);
  });

  it('Discard closes the preview and leaves the text alone', async () => {
    setUp();
    await open();
    await act(async () => {
      button('Make shorter').click();
      await Promise.resolve();
    });
    await vi.waitFor(() => {
      expect(button('Discard')).toBeTruthy();
    });
    const before = state.getCurrentContent();

    act(() => {
      button('Discard').click();
    });

    expect(document.querySelector('.wab-draftail-preview')).toBeNull();
    expect(state.getCurrentContent()).toBe(before);
  });

  it('shows no button without the client config (rendered only for users who may use AI)', () => {
    setUp();
    expect(mount.querySelector('.wab-draftail-button')).not.toBeNull();
    document.getElementById('wagtail-ai-blocks-config')!.remove();
    resetPageConfig();

    act(() => {
      ReactDOM.render(<AIButton />, mount);
    });

    expect(mount.querySelector('.wab-draftail-button')).toBeNull();
  });

  it('shows the server’s refusal when permission went after the page loaded, text untouched', async () => {
    const refused = () => json({ error: { code: 'permission_denied', message: 'No.' } }, 403);
    setUp(refused, refused);
    const before = state;
    await open();

    await act(async () => {
      button('Make shorter').click();
      await Promise.resolve();
    });

    await vi.waitFor(() => {
      expect(document.querySelector('.wab-draftail-preview')?.textContent).toContain('No.');
    });
    expect(state).toBe(before);
  });

  it('asks to select text when the cursor is in an empty paragraph', async () => {
    setUp();
    state = select(editorStateFrom({ blocks: [block('empty', '')], entityMap: {} }), 'empty', 0);
    await open();

    act(() => {
      button('Make shorter').click();
    });

    expect(document.querySelector('[role=alert]')?.textContent).toContain('Select some text');
    expect(fetchMock).toHaveBeenCalledTimes(1); // only the quota
  });

  it('loads the assistant and its stylesheet on the first request only, with this React', async () => {
    delete window.wagtailAIBlocksAssist;
    setUp();
    const config = document.getElementById('wagtail-ai-blocks-config')!;
    config.textContent = config.textContent.replace(
      '"assist":"/static/assist.js"',
      '"assist":"/static/assist.js","assist_css":"/static/assist.css"',
    );
    resetPageConfig();
    expect(document.head.querySelector('script')).toBeNull();

    await open();
    await open();

    const scripts = document.head.querySelectorAll('script[src="/static/assist.js"]');
    const links = document.head.querySelectorAll('link[href="/static/assist.css"]');
    expect([scripts.length, links.length]).toEqual([1, 1]);
    expect(document.querySelector('[role=menu]')).toBeNull();

    await act(async () => {
      window.wagtailAIBlocksAssist = { Assistant };
      scripts[0]!.dispatchEvent(new Event('load'));
      links[0]!.dispatchEvent(new Event('load'));
      for (let tick = 0; tick < 5; tick += 1) await Promise.resolve();
    });

    expect(document.querySelector('[role=menu]')).not.toBeNull();
    expect(document.activeElement?.textContent).toBe('Make shorter');
  });

  it('leaves the text alone when the assistant cannot load, and tries again on the next request', async () => {
    delete window.wagtailAIBlocksAssist;
    setUp();
    // Another URL than the other tests', whose load this page remembers.
    const config = document.getElementById('wagtail-ai-blocks-config')!;
    config.textContent = config.textContent.replace('/static/assist.js', '/static/retry.js');
    resetPageConfig();
    const before = state;

    await open();
    await act(async () => {
      document.head.querySelector('script')!.dispatchEvent(new Event('error'));
      for (let tick = 0; tick < 5; tick += 1) await Promise.resolve();
    });

    expect(document.querySelector('[role=alert]')?.textContent).toBe(
      'The AI menu could not be loaded. Reload the page and try again.',
    );
    expect(document.head.querySelectorAll('script')).toHaveLength(1);
    expect(state).toBe(before);

    await open();
    window.wagtailAIBlocksAssist = { Assistant };
    await act(async () => {
      const scripts = document.head.querySelectorAll('script[src="/static/retry.js"]');
      expect(scripts).toHaveLength(2);
      scripts[1]!.dispatchEvent(new Event('load'));
      for (let tick = 0; tick < 5; tick += 1) await Promise.resolve();
    });

    expect(document.querySelector('[role=menu]')).not.toBeNull();
    expect(document.querySelector('[role=alert]')).toBeNull();
  });

  it('hands the assistant the React this bundle loaded with, not a later window.React', async () => {
    const globals = window as unknown as Record<string, unknown>;
    const loadedWith = { copy: 'the one Draftail renders with' };
    globals.React = loadedWith;
    vi.resetModules();
    const { loadAssistant } = await import('./AIHost');
    globals.React = { copy: "another script's" };

    await loadAssistant({ assist: '/static/assist.js' });

    expect(window.wagtailAIBlocksLibraries?.React).toBe(loadedWith);
    delete globals.React;
  });
});
