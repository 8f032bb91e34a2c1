import { describe, expect, it } from 'vitest';

import type { ActionInfo } from './actions';
import {
  activate,
  buildMenu,
  currentItems,
  initialMenuState,
  menuKey,
  openSubmenus,
  type MenuItem,
  type MenuState,
} from './menu';

function action(id: string, label: string, params: ActionInfo['params'] = []): ActionInfo {
  return {
    id,
    label,
    description: '',
    kind: 'rewrite',
    output: id === 'continue' ? 'insert_below' : 'replace',
    formats: ['text', 'html'],
    params,
    candidates: 1,
  };
}

const ACTIONS: ActionInfo[] = [
  action('improve', 'Improve writing'),
  action('shorten', 'Make shorter'),
  action('change_tone', 'Change tone', [
    {
      name: 'tone',
      label: 'Tone',
      kind: 'choice',
      required: true,
      default: null,
      choices: [
        { value: 'friendly', label: 'Friendly' },
        { value: 'casual', label: 'Casual' },
      ],
    },
  ]),
  action('translate', 'Translate', [
    {
      name: 'language',
      label: 'Language',
      kind: 'language',
      required: true,
      default: null,
      choices: [{ value: 'fr', label: 'French' }],
    },
  ]),
  action('ask', 'Ask AI…', [
    {
      name: 'instruction',
      label: 'Instruction',
      kind: 'text',
      required: true,
      default: null,
      max_length: 1000,
    },
  ]),
];

const MENU = buildMenu(ACTIONS);

function press(state: MenuState, ...keys: string[]) {
  let step = { state, effect: { type: 'none' } as ReturnType<typeof menuKey>['effect'] };
  for (const key of keys) step = menuKey(MENU, step.state, key);
  return step;
}

describe('buildMenu', () => {
  it('offers actions, submenus for choices and an instruction box for free text', () => {
    expect(MENU.map((item) => [item.kind, item.label])).toEqual([
      ['run', 'Improve writing'],
      ['run', 'Make shorter'],
      ['submenu', 'Change tone'],
      ['submenu', 'Translate'],
      ['ask', 'Ask AI…'],
    ]);
    const tone = MENU[2] as Extract<MenuItem, { kind: 'submenu' }>;
    expect(tone.items.map((item) => item.kind === 'run' && item.params)).toEqual([
      { tone: 'friendly' },
      { tone: 'casual' },
    ]);
  });

  it('sends a library prompt’s id with every choice', () => {
    const [language] = ACTIONS[3]!.params;
    const prompt = {
      ...action('house_style', 'House style', [language!]),
      source: 'library' as const,
      prompt_id: 12,
    };
    const plain = {
      ...action('short_intro', 'Short intro'),
      source: 'library' as const,
      prompt_id: 13,
    };

    const [submenu, run] = buildMenu([prompt, plain]);

    expect(submenu).toMatchObject({ kind: 'submenu', key: 'house_style#12' });
    expect(submenu?.kind === 'submenu' && submenu.items[0]).toMatchObject({
      params: { prompt_id: 12, language: 'fr' },
    });
    expect(run).toMatchObject({ kind: 'run', params: { prompt_id: 13 } });
  });

  it('never offers to translate into the page’s own language', () => {
    const translate = action('translate', 'Translate', [
      {
        name: 'language',
        label: 'Language',
        kind: 'language',
        required: true,
        default: null,
        choices: [
          { value: 'en', label: 'English', site: true },
          { value: 'fr', label: 'French', site: true },
          { value: 'en-gb', label: 'British English' },
          { value: 'de', label: 'German' },
        ],
      },
    ]);
    const labels = (locale?: string) => {
      const [submenu] = buildMenu([translate], { locale });
      return submenu?.kind === 'submenu' ? submenu.items.map((item) => item.label) : [];
    };

    expect(labels('fr')).toEqual(['English', 'British English', 'German']);
    expect(labels('en')).toEqual(['French', 'British English', 'German']);
    expect(labels('en_GB')).toEqual(['French', 'German']);
    expect(labels(undefined)).toHaveLength(4);
    // Only the page's language to offer: no Translate item at all.
    expect(buildMenu([ACTIONS[3]!], { locale: 'fr' })).toEqual([]);
  });

  it('leaves out actions it cannot ask parameters for', () => {
    const twoParams = action('odd', 'Odd', [
      { name: 'a', label: 'A', kind: 'text', required: true, default: null },
      { name: 'b', label: 'B', kind: 'text', required: true, default: null },
    ]);
    expect(buildMenu([twoParams])).toEqual([]);
  });
});

describe('menuKey', () => {
  it('moves with the arrow keys, wrapping around, and Home/End', () => {
    expect(press(initialMenuState, 'ArrowDown', 'ArrowDown').state.active).toBe(2);
    expect(press(initialMenuState, 'ArrowUp').state.active).toBe(4);
    expect(press(initialMenuState, 'End').state.active).toBe(4);
    expect(press({ path: [], active: 3 }, 'Home').state.active).toBe(0);
  });

  it('runs the active action with Enter', () => {
    const { effect } = press(initialMenuState, 'ArrowDown', 'Enter');

    expect(effect).toMatchObject({ type: 'run', item: { key: 'shorten' } });
  });

  it('opens a submenu with Enter or Right, and runs a choice with its parameter', () => {
    const opened = press({ path: [], active: 2 }, 'ArrowRight');
    expect(openSubmenus(MENU, opened.state).map((item) => item.label)).toEqual(['Change tone']);
    expect(currentItems(MENU, opened.state).map((item) => item.label)).toEqual([
      'Friendly',
      'Casual',
    ]);

    const { effect } = press(opened.state, 'ArrowDown', 'Enter');
    expect(effect).toMatchObject({ type: 'run', item: { params: { tone: 'casual' } } });
  });

  it('goes back to the parent item with Left or Escape, and closes with Escape at the top', () => {
    const opened = press({ path: [], active: 3 }, 'Enter').state;

    expect(press(opened, 'ArrowLeft').state).toEqual({ path: [], active: 3 });
    expect(press(opened, 'Escape')).toEqual({
      state: { path: [], active: 3 },
      effect: { type: 'none' },
    });
    expect(press(initialMenuState, 'Escape').effect).toEqual({ type: 'close' });
  });

  it('asks for an instruction for Ask AI…', () => {
    expect(press({ path: [], active: 4 }, 'Enter').effect).toMatchObject({
      type: 'ask',
      item: { key: 'ask' },
    });
  });

  it('jumps to the next item starting with a typed letter', () => {
    expect(press(initialMenuState, 'm').state.active).toBe(1);
    expect(press(initialMenuState, 't').state.active).toBe(3);
  });

  it('ignores keys it does not use', () => {
    const step = press(initialMenuState, 'Shift');
    expect(step.state).toBe(initialMenuState);
    expect(step.effect).toEqual({ type: 'none' });
  });

  it('activates a clicked item', () => {
    expect(activate(MENU, initialMenuState, 1).effect).toMatchObject({
      type: 'run',
      item: { key: 'shorten' },
    });
    expect(activate(MENU, initialMenuState, 99).effect).toEqual({ type: 'none' });
  });
});
