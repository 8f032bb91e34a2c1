import React, { useLayoutEffect, useRef, useState, type ReactNode } from 'react';

import { clampLeft, placeAbove, scrollRoom, WANTED_HEIGHT, type Position } from './position';

/**
 * The box that holds the menu or the preview: under the selection (scrolled
 * into view), or above it when even scrolling leaves no room below, and kept
 * inside the editor's width.
 * `placement` changes (menu → preview) place it again.
 *
 * Renders: <div class="wab-draftail-popover" style="top: …px; left: …px">…</div>
 */
export function Popover({
  position,
  placement,
  children,
}: {
  position: Position;
  placement: string;
  children: ReactNode;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [left, setLeft] = useState(position.left);
  const [above, setAbove] = useState(false);
  const [containerHeight, setContainerHeight] = useState(0);

  useLayoutEffect(() => {
    const element = box.current;
    const container = element?.offsetParent;
    if (!element || !container) return;
    setLeft(clampLeft(position.left, element.offsetWidth, container.clientWidth));
    const height = Math.max(element.offsetHeight, WANTED_HEIGHT);
    const goAbove = placeAbove(
      position,
      container.getBoundingClientRect().top,
      height,
      window.innerHeight,
      scrollRoom(element),
    );
    setAbove(goAbove);
    setContainerHeight(container.clientHeight);
  }, [position, placement]);

  useLayoutEffect(() => {
    box.current?.scrollIntoView({ block: 'nearest' });
  }, [above, placement]);

  const style = above
    ? { bottom: containerHeight - position.above, left }
    : { top: position.top, left };
  return (
    <div
      ref={box}
      className="wab-draftail-popover"
      style={style}
      data-placement={above ? 'top' : 'bottom'}
    >
      {children}
    </div>
  );
}
