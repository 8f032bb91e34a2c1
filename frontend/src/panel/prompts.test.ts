import { describe, expect, it } from 'vitest';

import type { ClientConfig } from '../api';
import type { ActionInfo } from '../draftail/actions';
import { panelActions } from './prompts';

const action = (id: string, extra: Partial<ActionInfo> = {}): ActionInfo => ({
  id,
  label: id,
  description: '',
  kind: 'field',
  output: 'replace',
  formats: ['text', 'html'],
  params: [],
  candidates: 3,
  ...extra,
});

const library = (pk: number, extra: Partial<ActionInfo> = {}): ActionInfo =>
  action(`prompt_${String(pk)}`, {
    label: `Prompt ${String(pk)}`,
    source: 'library',
    prompt_id: pk,
    fields: [],
    page_types: [],
    overrides: '',
    ...extra,
  });

const config = (actions: unknown): ClientConfig =>
  ({
    urls: { generate: '/g/', stream: '/s/', quota: '/q/' },
    provider: { provider: 'OpenAI', model: 'gpt' },
    actions,
  }) as ClientConfig;

const WHERE = {
  action: 'seo_title',
  field: 'seo_title',
  pageType: 'Blog page',
  format: 'text',
} as const;

describe('panelActions', () => {
  it('offers the panel’s own action while the site lists it, and the library’s field prompts', () => {
    const offered = panelActions(
      config([action('improve', { kind: 'rewrite' }), action('seo_title'), library(5)]),
      WHERE,
    );

    expect(offered.own).toBe(true);
    expect(offered.prompts.map((prompt) => prompt.id)).toEqual(['prompt_5']);
  });

  it('drops the own action when the site hides it', () => {
    expect(panelActions(config([action('title'), library(5)]), WHERE)).toMatchObject({
      own: false,
      prompts: [{ id: 'prompt_5' }],
    });
  });

  it('offers everything the panel was built with when the config has no list', () => {
    expect(panelActions(config(undefined), WHERE)).toEqual({ own: true, prompts: [] });
  });

  it('leaves out prompts not meant for this panel', () => {
    const offered = panelActions(
      config([
        library(1, { overrides: 'search_description' }), // asked through its built-in
        library(2, { kind: 'rewrite' }), // the rich text toolbar's
        library(3, { fields: ['intro'] }),
        library(4, { page_types: ['Event page'] }),
        library(6, { formats: ['html'] }),
        library(7, {
          params: [
            {
              name: 'language',
              label: 'Language',
              kind: 'language',
              required: true,
              default: null,
            },
          ],
        }),
        library(8, { fields: ['seo_title', 'intro'], page_types: ['blog page'] }),
      ]),
      WHERE,
    );

    expect(offered.prompts.map((prompt) => prompt.id)).toEqual(['prompt_8']);
  });
});
