import { describe, expect, it } from 'vitest';

import type { ClientConfig } from '../api/types';
import { appliesTo, richTextActions, type ActionInfo } from './actions';

const base: ClientConfig = {
  urls: { generate: '/g', stream: '/s', quota: '/q' },
  provider: { provider: 'OpenAI', model: 'fake' },
};

function action(id: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    label: id,
    description: '',
    kind: 'rewrite',
    output: 'replace',
    formats: ['text', 'html'],
    params: [],
    candidates: 1,
    ...extra,
  };
}

describe('richTextActions', () => {
  it('offers the rewrite actions that answer in HTML, in order', () => {
    const config = {
      ...base,
      actions: [
        action('improve'),
        action('seo_title', { kind: 'field', formats: ['text'] }),
        action('plain_only', { formats: ['text'] }),
        action('continue', { output: 'insert_below' }),
      ],
    };

    expect(richTextActions(config).map((a) => a.id)).toEqual(['improve', 'continue']);
  });

  it('skips malformed entries and copes without a list', () => {
    const config = {
      ...base,
      actions: [
        null,
        action('tone', { params: [{ name: 'tone', label: 'Tone', kind: 'choice' }] }),
      ],
    };

    expect(richTextActions(config)).toEqual([]);
    expect(richTextActions(base)).toEqual([]);
  });
});

describe('appliesTo', () => {
  const prompt = {
    ...action('house_style'),
    source: 'library',
    prompt_id: 3,
    fields: ['body'],
    page_types: ['Blog page'],
  } as ActionInfo;

  it('offers a library prompt only for its fields and page types', () => {
    expect(appliesTo(prompt, { field: 'body', pageType: 'blog page' })).toBe(true);
    expect(appliesTo(prompt, { field: 'sections', pageType: 'Blog page' })).toBe(false);
    expect(appliesTo(prompt, { field: 'body', pageType: 'Home page' })).toBe(false);
  });

  it('offers it when the field or page type is unknown, and built-in actions always', () => {
    expect(appliesTo(prompt, {})).toBe(true);
    expect(appliesTo(action('improve') as ActionInfo, { field: 'x', pageType: 'y' })).toBe(true);
  });
});
