/**
 * The AI menu as data: which items it shows, and how keys move through it.
 *
 * Pure functions, so the React component (`ActionMenu.tsx`) only renders a
 * `MenuState` and forwards keys. Submenus (Change tone ▸, Translate ▸) open in
 * place of the list; Left or Escape goes back to the parent.
 */

import type { ActionParams } from '../api/types';
import type { ActionInfo, ActionParam } from './actions';

export type MenuItem =
  /** Runs an action at once. */
  | { kind: 'run'; key: string; label: string; action: ActionInfo; params: ActionParams }
  /** Opens a list of choices (tones, languages). */
  | { kind: 'submenu'; key: string; label: string; items: MenuItem[] }
  /** Asks the editor for an instruction first (Ask AI…); `params` go with it. */
  | {
      kind: 'ask';
      key: string;
      label: string;
      action: ActionInfo;
      param: ActionParam;
      params: ActionParams;
    };

/** Where the focus is: the open submenus (with the index each was opened from) and the active item. */
export interface MenuState {
  path: { key: string; index: number }[];
  active: number;
}

export type MenuEffect =
  | { type: 'none' }
  | { type: 'run'; item: Extract<MenuItem, { kind: 'run' }> }
  | { type: 'ask'; item: Extract<MenuItem, { kind: 'ask' }> }
  | { type: 'close' };

export interface MenuStep {
  state: MenuState;
  effect: MenuEffect;
}

export const initialMenuState: MenuState = { path: [], active: 0 };

const NONE: MenuEffect = { type: 'none' };

/**
 * Menu items for these actions: one item per action without parameters, a
 * submenu for an action with one list of choices, an instruction box for an
 * action with one free-text parameter. Actions needing more are left out.
 * A language list leaves out the page's own language (`locale`): translating
 * a French page offers the site's other languages first, never French.
 */
export function buildMenu(actions: ActionInfo[], { locale }: { locale?: string } = {}): MenuItem[] {
  const items: MenuItem[] = [];
  for (const action of actions) {
    const [param, ...others] = action.params;
    // A library prompt is chosen by its primary key, whatever its id.
    const base: ActionParams =
      action.prompt_id === undefined ? {} : { prompt_id: action.prompt_id };
    const key = action.prompt_id === undefined ? action.id : `${action.id}#${action.prompt_id}`;
    if (!param) {
      items.push({ kind: 'run', key, label: action.label, action, params: base });
    } else if (others.some((other) => other.required)) {
      continue;
    } else if (param.kind === 'text') {
      items.push({ kind: 'ask', key, label: action.label, action, param, params: base });
    } else if (param.choices && param.choices.length > 0) {
      const choices =
        param.kind === 'language' && locale
          ? param.choices.filter((choice) => !sameLanguage(choice.value, locale))
          : param.choices;
      if (choices.length === 0) continue;
      items.push({
        kind: 'submenu',
        key,
        label: action.label,
        items: choices.map((choice) => ({
          kind: 'run',
          key: `${key}:${choice.value}`,
          label: choice.label,
          action,
          params: { ...base, [param.name]: choice.value },
        })),
      });
    }
  }
  return items;
}

/**
 * Whether a language choice is the page's language: the same code ("fr",
 * "pt-BR" against "pt_br"), or the page's base language ("fr" on a "fr-CA" page).
 * A regional variant of the page's language ("en-GB" on an "en" page) stays.
 */
export function sameLanguage(choice: string, locale: string): boolean {
  const canonical = (code: string) => code.trim().replace(/_/g, '-').toLowerCase();
  const wanted = canonical(locale);
  const code = canonical(choice);
  return code === wanted || code === wanted.split('-')[0];
}

/** The submenu items on the path, outermost first (empty at the top level). */
export function openSubmenus(
  root: MenuItem[],
  state: MenuState,
): Extract<MenuItem, { kind: 'submenu' }>[] {
  const submenus: Extract<MenuItem, { kind: 'submenu' }>[] = [];
  let items = root;
  for (const { key } of state.path) {
    const submenu = items.find((item) => item.key === key);
    if (submenu?.kind !== 'submenu') break;
    submenus.push(submenu);
    items = submenu.items;
  }
  return submenus;
}

/** The items of the list currently shown. */
export function currentItems(root: MenuItem[], state: MenuState): MenuItem[] {
  const submenus = openSubmenus(root, state);
  return submenus[submenus.length - 1]?.items ?? root;
}

/** Choose the item at `index` (a click, or Enter on the active item). */
export function activate(root: MenuItem[], state: MenuState, index: number): MenuStep {
  const item = currentItems(root, state)[index];
  if (!item) return { state, effect: NONE };
  switch (item.kind) {
    case 'submenu':
      return {
        state: { path: [...state.path, { key: item.key, index }], active: 0 },
        effect: NONE,
      };
    case 'ask':
      return { state: { ...state, active: index }, effect: { type: 'ask', item } };
    case 'run':
      return { state: { ...state, active: index }, effect: { type: 'run', item } };
  }
}

/** Back to the parent list, with its submenu item active again. */
export function back(state: MenuState): MenuState {
  const last = state.path[state.path.length - 1];
  if (!last) return state;
  return { path: state.path.slice(0, -1), active: last.index };
}

/**
 * Apply a key (`KeyboardEvent.key`) to the menu. Returns the same state and
 * no effect for keys the menu does not use.
 */
export function menuKey(root: MenuItem[], state: MenuState, key: string): MenuStep {
  const items = currentItems(root, state);
  const count = items.length;
  const move = (active: number): MenuStep => ({ state: { ...state, active }, effect: NONE });
  if (count === 0) {
    return key === 'Escape' ? { state, effect: { type: 'close' } } : { state, effect: NONE };
  }

  switch (key) {
    case 'ArrowDown':
      return move((state.active + 1) % count);
    case 'ArrowUp':
      return move((state.active - 1 + count) % count);
    case 'Home':
      return move(0);
    case 'End':
      return move(count - 1);
    case 'Enter':
    case ' ':
      return activate(root, state, state.active);
    case 'ArrowRight':
      return items[state.active]?.kind === 'submenu'
        ? activate(root, state, state.active)
        : { state, effect: NONE };
    case 'ArrowLeft':
      return { state: back(state), effect: NONE };
    case 'Escape':
      return state.path.length > 0
        ? { state: back(state), effect: NONE }
        : { state, effect: { type: 'close' } };
    default:
      return key.length === 1 ? move(typeAhead(items, state.active, key)) : { state, effect: NONE };
  }
}

/** The next item after `active` whose label starts with `char`; `active` if none. */
function typeAhead(items: MenuItem[], active: number, char: string): number {
  const wanted = char.toLocaleLowerCase();
  for (let step = 1; step <= items.length; step++) {
    const index = (active + step) % items.length;
    if (items[index]?.label.toLocaleLowerCase().startsWith(wanted)) return index;
  }
  return active;
}
