import { describe, expect, it } from 'vitest';

import { domRange } from './highlight';
import { editorStateFrom, monsteraRaw, select } from './testing';

/** The DOM Draft.js renders for the Monstera paragraph: text split into leaves. */
function render(): HTMLElement {
  const root = document.createElement('div');
  root.innerHTML = `
    <div data-block="true" data-offset-key="first-0-0">
      <span data-offset-key="first-0-0"><span data-text="true">Monstera deliciosa is a </span></span>
      <span data-offset-key="first-0-1"><span data-text="true">forgiving houseplant</span></span>
      <span data-offset-key="first-0-2"><span data-text="true"> that rewards bright light.</span></span>
    </div>
    <div data-block="true" data-offset-key="second-0-0">
      <span data-offset-key="second-0-0"><span data-text="true">Wipe the leaves monthly.</span></span>
    </div>`;
  document.body.append(root);
  return root;
}

describe('domRange', () => {
  it('covers the DOM text of a range that spans leaves and blocks', () => {
    const root = render();
    const selection = select(
      editorStateFrom(monsteraRaw()),
      'first',
      30,
      'second',
      4,
    ).getSelection();

    const range = domRange(root, selection);

    expect(range?.toString().replace(/\s+/g, ' ')).toBe(
      'ing houseplant that rewards bright light. Wipe',
    );
    root.remove();
  });

  it('is null when a block is not rendered', () => {
    const root = render();
    const selection = select(editorStateFrom(monsteraRaw()), 'gone', 0, 'first', 4).getSelection();

    expect(domRange(root, selection)).toBeNull();
    root.remove();
  });
});
