import { describe, expect, it } from 'vitest';

import { isApplePlatform, isOpenShortcut, shortcutLabel } from './shortcut';

const key = (init: KeyboardEventInit) =>
  new KeyboardEvent('keydown', { key: 'A', code: 'KeyA', ...init });

describe('the AI shortcut', () => {
  it('is Ctrl+Shift+A, or ⌘⇧A', () => {
    expect(isOpenShortcut(key({ ctrlKey: true, shiftKey: true }))).toBe(true);
    expect(isOpenShortcut(key({ metaKey: true, shiftKey: true }))).toBe(true);
  });

  it('is not Ctrl+A, Ctrl+Alt+Shift+A or another letter', () => {
    expect(isOpenShortcut(key({ ctrlKey: true }))).toBe(false);
    expect(isOpenShortcut(key({ ctrlKey: true, shiftKey: true, altKey: true }))).toBe(false);
    expect(isOpenShortcut(key({ ctrlKey: true, shiftKey: true, key: 'B', code: 'KeyB' }))).toBe(
      false,
    );
  });

  it('is shown the way each platform writes it', () => {
    expect(shortcutLabel(true)).toBe('⌘⇧A');
    expect(shortcutLabel(false)).toBe('Ctrl+Shift+A');
    expect(
      isApplePlatform({ userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0)' } as Navigator),
    ).toBe(true);
    expect(isApplePlatform({ userAgent: 'Mozilla/5.0 (X11; Linux x86_64)' } as Navigator)).toBe(
      false,
    );
  });
});
