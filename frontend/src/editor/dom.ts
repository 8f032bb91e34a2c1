/** A CSS selector matching elements whose attribute `name` is exactly `value`. */
export function byAttribute(name: string, value: string): string {
  return `[${name}="${value.replace(/["\\]/g, '\\$&')}"]`;
}

/**
 * Whether `element` is the hidden input behind a Draftail editor: marked
 * `data-draftail-input` in forms, or carrying the editor Wagtail binds to it
 * (StreamField blocks), or followed by Draftail's wrapper.
 */
export function isDraftailInput(element: Element): element is HTMLInputElement {
  if (!(element instanceof HTMLInputElement) || element.type !== 'hidden') return false;
  return (
    element.hasAttribute('data-draftail-input') ||
    'draftailEditor' in element ||
    Boolean(element.parentElement?.querySelector(':scope > [data-draftail-editor-wrapper]'))
  );
}
