import React from 'react';

/**
 * One of the admin's SVG icons, by name (`ai-sparkle` is ours, the rest Wagtail's).
 *
 * @example <Icon name="ai-sparkle" /> renders
 *   <svg class="icon icon-ai-sparkle" aria-hidden="true"><use href="#icon-ai-sparkle"></use></svg>
 */
export function Icon({ name, className = '' }: { name: string; className?: string }) {
  return (
    <svg className={`icon icon-${name} ${className}`.trim()} aria-hidden="true">
      <use href={`#icon-${name}`} />
    </svg>
  );
}
