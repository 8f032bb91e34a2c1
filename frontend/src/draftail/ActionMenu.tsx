import React, { useEffect, useRef } from 'react';

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
}

/**
 * The list of AI actions, with Wagtail's dropdown styling. Arrow keys move,
 * Enter (or Right on a submenu) chooses, Left goes back, Escape closes.
 *
 * Renders: <div class="wab-draftail-menu" role="menu" aria-label="AI actions">
 *   <button role="menuitem">Improve writing</button> … <footer>quota · shortcut</footer></div>
 */
export function ActionMenu({
  items,
  state,
  onStateChange,
  onEffect,
  quotaText,
  shortcut,
  notice,
}: ActionMenuProps) {
  const itemRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const shown = currentItems(items, state);
  const submenu = openSubmenus(items, state).pop();

  // The popover scrolls itself into view; focusing must not scroll (and so
  // interrupt that smooth scroll).
  useEffect(() => {
    itemRefs.current[state.active]?.focus({ preventScroll: true });
  }, [state]);

  const step = ({ state: next, effect }: { state: MenuState; effect: MenuEffect }): void => {
    if (next !== state) onStateChange(next);
    if (effect.type !== 'none') onEffect(effect);
  };

  const onKeyDown = (event: React.KeyboardEvent): void => {
    if (event.key === 'Tab') {
      event.preventDefault();
      onEffect({ type: 'close' });
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const result = menuKey(items, state, event.key);
    if (result.state === state && result.effect.type === 'none') return;
    event.preventDefault();
    event.stopPropagation();
    step(result);
  };

  return (
    <div
      className="wab-draftail-menu"
      role="menu"
      aria-label={submenu ? submenu.label : gettext('AI actions')}
      onKeyDown={onKeyDown}
    >
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
      <div className="wab-draftail-menu__items">
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
        <kbd className="wab-draftail-menu__shortcut" title={gettext('Keyboard shortcut')}>
          {shortcut}
        </kbd>
      </footer>
    </div>
  );
}
