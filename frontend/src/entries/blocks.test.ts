import { beforeEach, describe, expect, it, vi } from 'vitest';

import { AI_BLOCK_NAMES } from '../blocks/ai_field_block';

class FieldBlockDefinition {
  render() {
    return { element: document.createElement('div') };
  }
}

beforeEach(() => {
  vi.resetModules();
  delete window.telepath;
  delete window.wagtailStreamField;
});

describe('the blocks bundle', () => {
  it('registers every AI block with telepath under its dotted path', async () => {
    const register = vi.fn();
    window.telepath = { register };
    window.wagtailStreamField = { blocks: { FieldBlockDefinition } };

    await import('./blocks');

    expect(register.mock.calls.map(([name]) => name as string)).toEqual([...AI_BLOCK_NAMES]);
    const [, Definition] = register.mock.calls[0] as [string, new () => unknown];
    expect(new Definition()).toBeInstanceOf(FieldBlockDefinition);
  });

  it('does nothing without Wagtail’s StreamField scripts', async () => {
    const register = vi.fn();
    window.telepath = { register };

    await import('./blocks');

    expect(register).not.toHaveBeenCalled();
  });
});
