import { describe, expect, it } from 'vitest';

import { buildRequest, type RequestInput } from './request';

const base: RequestInput = {
  mode: 'field',
  action: 'seo_title',
  format: 'text',
  source: '',
  fieldName: 'seo_title',
  maxLength: 60,
  features: null,
  candidates: 3,
  context: { page_title: 'Caring for Monstera deliciosa' },
};

describe('buildRequest', () => {
  it('asks a field action to write from the context when the field is empty', () => {
    expect(buildRequest(base)).toEqual({
      action: 'seo_title',
      text: '',
      format: 'text',
      context: { page_title: 'Caring for Monstera deliciosa' },
      field: { name: 'seo_title', max_length: 60 },
      candidates: 3,
    });
  });

  it('sends the current value to improve on, and refresh for "Try again"', () => {
    const request = buildRequest({ ...base, source: 'Monstera care', refresh: true });

    expect(request).toMatchObject({ action: 'seo_title', text: 'Monstera care', refresh: true });
  });

  it('sends rich text features and leaves out what is unknown', () => {
    const request = buildRequest({
      ...base,
      format: 'html',
      fieldName: '',
      maxLength: null,
      features: ['bold', 'link'],
    });

    expect(request.field).toEqual({ features: ['bold', 'link'] });
  });

  it('drafts a section from the blocks before it, and sends the blocks after as context', () => {
    const request = buildRequest({
      ...base,
      mode: 'section',
      action: 'improve',
      format: 'html',
      neighbours: { before: ['Light', 'Water <weekly>'], after: ['Pests'] },
    });

    expect(request).toMatchObject({
      action: 'continue',
      text: '<p>Light</p><p>Water &lt;weekly&gt;</p>',
      format: 'html',
      context: { page_title: 'Caring for Monstera deliciosa', neighbours: ['Pests'] },
    });
  });

  it('drafts the first section of a page as an introduction', () => {
    const request = buildRequest({
      ...base,
      mode: 'section',
      action: 'improve',
      neighbours: { before: [], after: [] },
    });

    expect(request).toMatchObject({ action: 'introduction', text: '' });
    expect(request.context).toEqual({ page_title: 'Caring for Monstera deliciosa' });
  });

  it('improves a section that has text with its own action, seeing a little around it', () => {
    const request = buildRequest({
      ...base,
      mode: 'section',
      action: 'improve',
      source: 'Wipe the leaves.',
      neighbours: { before: ['a', 'b', 'c', 'd'], after: ['e', 'f', 'g', 'h'] },
    });

    expect(request).toMatchObject({ action: 'improve', text: 'Wipe the leaves.' });
    expect(request.context?.neighbours).toEqual(['b', 'c', 'd', 'e', 'f', 'g']);
  });

  it('keeps only the end of a long text before the section', () => {
    const long = 'x'.repeat(5000);
    const request = buildRequest({
      ...base,
      mode: 'section',
      neighbours: { before: [long, 'end'], after: [] },
    });

    expect(request.text).toHaveLength(3000);
    expect(request.text.endsWith('\n\nend')).toBe(true);
  });

  it('sends the image of an image action, and no image key otherwise', () => {
    const image = buildRequest({ ...base, action: 'image_description', image: 42 });
    expect(image).toMatchObject({ action: 'image_description', image: 42 });
    expect('image' in buildRequest({ ...base, image: 0 })).toBe(false);
  });

  it('gives a field in a StreamField (alt text) the blocks around it as nearby text', () => {
    const request = buildRequest({
      ...base,
      action: 'image_alt_text',
      image: 7,
      neighbours: { before: ['a', 'b', 'c', 'd'], after: ['e', 'f', 'g', 'h'] },
    });
    expect(request.action).toBe('image_alt_text');
    expect(request.text).toBe('');
    expect(request.context?.neighbours).toEqual(['b', 'c', 'd', 'e', 'f', 'g']);
  });
});
