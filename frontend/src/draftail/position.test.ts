import { describe, expect, it } from 'vitest';

import { clampLeft, placeAbove, type Position } from './position';

const position: Position = { top: 120, above: 60, left: 40 };

describe('placeAbove', () => {
  it('stays below when the viewport has room', () => {
    expect(placeAbove(position, 100, 300, 1000, 0)).toBe(false);
  });

  it('stays below when scrolling makes room', () => {
    expect(placeAbove(position, 600, 300, 1000, 500)).toBe(false);
  });

  it('goes above when nothing makes room below and there is more above', () => {
    expect(placeAbove(position, 600, 300, 1000, 0)).toBe(true);
  });

  it('stays below when above is even tighter', () => {
    expect(placeAbove({ top: 40, above: 0, left: 0 }, 80, 900, 1000, 0)).toBe(false);
  });
});

describe('clampLeft', () => {
  it('keeps the box inside its container', () => {
    expect(clampLeft(500, 300, 700)).toBe(400);
    expect(clampLeft(100, 300, 700)).toBe(100);
    expect(clampLeft(100, 900, 700)).toBe(0);
  });
});
