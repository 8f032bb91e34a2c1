import React, { useState } from 'react';
import ReactDOM from 'react-dom';
import { act } from 'react-dom/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { ActionMenu } from './ActionMenu';
import type { ActionInfo } from './actions';
import { buildMenu, initialMenuState, type MenuEffect } from './menu';

const rewrite = (id: string, label: string, params: ActionInfo['params'] = []): ActionInfo => ({
  id,
  label,
  description: '',
  kind: 'rewrite',
  output: 'replace',
  formats: ['html'],
  params,
  candidates: 1,
});

const ITEMS = buildMenu([
  rewrite('improve', 'Improve writing'),
  rewrite('translate', 'Translate', [
    {
      name: 'language',
      label: 'Language',
      kind: 'language',
      required: true,
      default: null,
      choices: [
        { value: 'fr', label: 'French' },
        { value: 'de', label: 'German' },
      ],
    },
  ]),
]);

let container: HTMLElement;

const OFFLINE = { label: 'Offline model — rough drafts', help: 'Connect a provider.' };

function Harness({
  onEffect,
  offline = null,
}: {
  onEffect: (effect: MenuEffect) => void;
  offline?: typeof OFFLINE | null;
}) {
  const [state, setState] = useState(initialMenuState);
  return (
    <ActionMenu
      items={ITEMS}
      state={state}
      onStateChange={setState}
      onEffect={onEffect}
      quotaText="7 of 10 AI requests left this hour"
      shortcut="Ctrl+Shift+A"
      notice={null}
      offline={offline}
    />
  );
}

function render(offline: typeof OFFLINE | null = null) {
  const onEffect = vi.fn();
  container = document.createElement('div');
  document.body.append(container);
  act(() => {
    ReactDOM.render(<Harness onEffect={onEffect} offline={offline} />, container);
  });
  return onEffect;
}

function press(key: string, init: KeyboardEventInit = {}) {
  act(() => {
    document.activeElement?.dispatchEvent(
      new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }),
    );
  });
}

afterEach(() => {
  ReactDOM.unmountComponentAtNode(container);
  container.remove();
});

describe('ActionMenu', () => {
  it('is a menu of menu items only, with the quota and the shortcut beside it', () => {
    render();

    const menu = container.querySelector('[role=menu]')!;
    expect(menu.getAttribute('aria-label')).toBe('AI actions');
    expect(Array.from(menu.children).map((child) => child.getAttribute('role'))).toEqual([
      'menuitem',
      'menuitem',
    ]);
    expect(
      Array.from(menu.querySelectorAll('[role=menuitem]')).map((item) => item.textContent),
    ).toEqual(['Improve writing', 'Translate']);
    expect(menu.querySelector('[aria-haspopup=menu]')?.textContent).toBe('Translate');
    expect(container.querySelector('footer')?.textContent).toBe(
      '7 of 10 AI requests left this hourCtrl+Shift+A',
    );
    expect(container.querySelector('.wab-offline-note')).toBe(null);
    expect(menu.hasAttribute('aria-describedby')).toBe(false);
    expect(document.activeElement?.textContent).toBe('Improve writing');
  });

  it('moves the focus with the keys and runs a submenu choice with Enter', () => {
    const onEffect = render();

    press('ArrowDown');
    expect(document.activeElement?.textContent).toBe('Translate');
    press('ArrowRight');
    expect(container.querySelector('[role=menu]')?.getAttribute('aria-label')).toBe('Translate');
    expect(document.activeElement?.textContent).toBe('French');
    press('ArrowDown');
    press('Enter');

    expect(onEffect).toHaveBeenCalledWith({
      type: 'run',
      item: expect.objectContaining({ params: { language: 'de' } }) as unknown,
    });
  });

  it('closes with Escape and with Tab', () => {
    const onEffect = render();

    press('Escape');
    press('Tab');

    expect(onEffect.mock.calls).toEqual([[{ type: 'close' }], [{ type: 'close' }]]);
  });

  it('says when the offline model answers, a disclosure Tab reaches and Shift+Tab leaves', () => {
    const onEffect = render(OFFLINE);

    const note = container.querySelector<HTMLDetailsElement>('details.wab-offline-note')!;
    const summary = note.querySelector('summary')!;
    expect(summary.textContent).toBe('Offline model — rough drafts');
    expect(note.querySelector('p')?.textContent).toBe('Connect a provider.');
    const menu = container.querySelector('[role=menu]')!;
    expect(menu.getAttribute('aria-describedby')).toBe(summary.id);

    press('Tab');
    expect(document.activeElement).toBe(summary);
    press('Enter');
    expect(onEffect).not.toHaveBeenCalled();
    press('Tab', { shiftKey: true });
    expect(document.activeElement?.textContent).toBe('Improve writing');
    press('Tab');
    press('ArrowDown');
    expect(document.activeElement?.textContent).toBe('Translate');
    press('Tab');
    press('Tab');
    expect(onEffect.mock.calls).toEqual([[{ type: 'close' }]]);
  });

  it('scrolls a long list, not the page, to show the active item', () => {
    // The list shows 100 px; "Translate" sits below that.
    const boxes = new Map<string, Partial<DOMRect>>([
      ['menu', { top: 0, bottom: 100 }],
      ['Improve writing', { top: 10, bottom: 40 }],
      ['Translate', { top: 150, bottom: 180 }],
    ]);
    const spy = vi
      .spyOn(HTMLElement.prototype, 'getBoundingClientRect')
      .mockImplementation(function (this: HTMLElement) {
        const key = this.getAttribute('role') === 'menu' ? 'menu' : this.textContent;
        return (boxes.get(key) ?? { top: 0, bottom: 0 }) as DOMRect;
      });
    try {
      render();
      press('ArrowDown');

      expect(container.querySelector('[role=menu]')!.scrollTop).toBe(80);
    } finally {
      spy.mockRestore();
    }
  });
});
