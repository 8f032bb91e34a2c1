/**
 * The keyboard shortcut that opens the AI menu: Ctrl+Shift+A (⌘⇧A on Apple
 * platforms, where the menu shows it that way).
 */

export function isApplePlatform(nav: Navigator = navigator): boolean {
  return /Mac|iPhone|iPad|iPod/.test(nav.userAgent);
}

/** Ctrl or ⌘ (either, on any platform) + Shift + A. */
export function isOpenShortcut(event: KeyboardEvent): boolean {
  return (
    (event.ctrlKey || event.metaKey) &&
    event.shiftKey &&
    !event.altKey &&
    (event.code === 'KeyA' || event.key.toLowerCase() === 'a')
  );
}

/** How the menu shows the shortcut. */
export function shortcutLabel(apple: boolean = isApplePlatform()): string {
  return apple ? '⌘⇧A' : 'Ctrl+Shift+A';
}
