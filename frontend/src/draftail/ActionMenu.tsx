import React, { useEffect, useRef } from 'react';

import type { OfflineNote } from '../api';
import { gettext } from '../i18n';
import { Icon } from './Icon';
import {
  activate,
  back,
  currentItems,
  menuKey,
  openSubmenus,
  type MenuEffect,
  type MenuItem,
  type MenuState,
} from './menu';

export interface ActionMenuProps {
  items: MenuItem[];
  state: MenuState;
  onStateChange: (state: MenuState) => void;
  /** A run or ask item was chosen, or the menu should close. */
  onEffect: (effect: MenuEffect) => void;
  /** "7 of 10 AI requests left this hour", when known. */
  quotaText: string | null;
  shortcut: string;
  /** Shown above the items, e.g. why an action cannot run. */
  notice: string | null;
  /** "Offline model — rough drafts", when the small embedded model answers. */
  offline?: OfflineNote | null;
}

let menus = 0;

/**
 * The list of AI actions, with Wagtail's dropdown styling. Arrow keys move,
 * Enter (or Right on a submenu) chooses, Left goes back, Escape closes. Tab
 * closes, or first reaches the offline note when there is one (Shift+Tab back).
 * The `menu` role holds only its menu items; notices, the back button and the
 * footer sit around it.
 *
 * Renders: <div class="wab-draftail-menu">
 *   <div role="menu" aria-label="AI actions"><button role="menuitem">Improve writing</button> …</div>
 *   <footer>quota · <details>Offline model — rough drafts</details> · shortcut</footer></div>
 */
export function ActionMenu({
  items,
  state,
  onStateChange,
  onEffect,
  quotaText,
  shortcut,
  notice,
  offline = null,
}: ActionMenuProps) {
  const itemRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const noteRef = useRef<HTMLElement>(null);
  const noteId = useRef(`wab-draftail-offline-${String(++menus)}`).current;
  const shown = currentItems(items, state);
  const submenu = openSubmenus(items, state).pop();

  const listRef = useRef<HTMLDivElement>(null);

  // The popover scrolls itself into view; focusing must not scroll the page (and
  // so interrupt that scroll). A long list (30 languages) scrolls on its own.
  useEffect(() => {
    const item = itemRefs.current[state.active];
    item?.focus({ preventScroll: true });
    if (item && listRef.current) keepInView(listRef.current, item);
  }, [state]);

  // Opening or leaving a submenu changes the menu's height: keep it all in view,
  // clear of Wagtail's sticky header and footer (the popover's scroll margins).
  const depth = state.path.length;
  useEffect(() => {
    if (depth > 0) {
      listRef.current?.closest('.wab-draftail-popover')?.scrollIntoView({ block: 'nearest' });
    }
  }, [depth]);

  const step = ({ state: next, effect }: { state: MenuState; effect: MenuEffect }): void => {
    if (next !== state) onStateChange(next);
    if (effect.type !== 'none') onEffect(effect);
  };

  const onKeyDown = (event: React.KeyboardEvent): void => {
    const inNote = event.target instanceof Node && noteRef.current?.contains(event.target);
    if (event.key === 'Tab') {
      event.preventDefault();
      if (offline && !inNote && !event.shiftKey) noteRef.current?.focus();
      else if (inNote && event.shiftKey) itemRefs.current[state.active]?.focus();
      else onEffect({ type: 'close' });
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    // The note's own keys (Enter, Space) open and close it.
    if (inNote && (event.key === 'Enter' || event.key === ' ')) return;
    const result = menuKey(items, state, event.key);
    if (result.state === state && result.effect.type === 'none') return;
    event.preventDefault();
    event.stopPropagation();
    if (inNote && result.state !== state) {
      // Arrows from the note go back into the list, where the effect focuses.
      onStateChange(result.state);
      return;
    }
    step(result);
  };

  return (
    <div className="wab-draftail-menu" onKeyDown={onKeyDown}>
      {notice ? (
        <p className="wab-draftail-menu__notice" role="alert">
          {notice}
        </p>
      ) : null}
      {submenu ? (
        <button
          type="button"
          className="wab-draftail-menu__back"
          tabIndex={-1}
          onClick={() => {
            onStateChange(back(state));
          }}
        >
          <Icon name="arrow-left" />
          {submenu.label}
        </button>
      ) : null}
      <div
        ref={listRef}
        className="wab-draftail-menu__items"
        role="menu"
        aria-label={submenu ? submenu.label : gettext('AI actions')}
        aria-describedby={offline ? noteId : undefined}
      >
        {shown.map((item, index) => (
          <button
            key={item.key}
            ref={(element) => {
              itemRefs.current[index] = element;
            }}
            type="button"
            role="menuitem"
            className="wab-draftail-menu__item"
            tabIndex={index === state.active ? 0 : -1}
            aria-haspopup={item.kind === 'submenu' ? 'menu' : undefined}
            onMouseEnter={() => {
              if (index !== state.active) onStateChange({ ...state, active: index });
            }}
            onClick={() => {
              step(activate(items, state, index));
            }}
          >
            <span className="wab-draftail-menu__label">{item.label}</span>
            {item.kind === 'submenu' ? (
              <Icon name="arrow-right" className="wab-draftail-menu__chevron" />
            ) : null}
          </button>
        ))}
      </div>
      <footer className="wab-draftail-menu__footer">
        <span className="wab-draftail-menu__quota">{quotaText}</span>
        {offline ? (
          <details className="wab-offline-note">
            <summary id={noteId} ref={noteRef}>
              {offline.label}
            </summary>
            {offline.help ? <p>{offline.help}</p> : null}
          </details>
        ) : null}
        <kbd className="wab-draftail-menu__shortcut" title={gettext('Keyboard shortcut')}>
          {shortcut}
        </kbd>
      </footer>
    </div>
  );
}

/** Scroll `list` (not the page) just enough to show `item`. */
function keepInView(list: HTMLElement, item: HTMLElement): void {
  const box = list.getBoundingClientRect();
  const own = item.getBoundingClientRect();
  if (own.top < box.top) list.scrollTop -= box.top - own.top;
  else if (own.bottom > box.bottom) list.scrollTop += own.bottom - box.bottom;
}
