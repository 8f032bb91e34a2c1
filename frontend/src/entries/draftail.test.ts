import { afterEach, describe, expect, it, vi } from 'vitest';

import { AIButton } from '../draftail/AIButton';
import { AIHost } from '../draftail/AIHost';

afterEach(() => {
  delete window.draftail;
  vi.resetModules();
});

describe('the draftail bundle', () => {
  it('registers the button as an inline control and the host as a meta control', async () => {
    const registerPlugin = vi.fn();
    window.draftail = { registerPlugin };

    await import('./draftail');

    expect(registerPlugin.mock.calls).toEqual([
      [{ type: 'wagtail-ai-blocks-button', inline: AIButton }, 'controls'],
      [{ type: 'wagtail-ai-blocks-host', meta: AIHost }, 'controls'],
    ]);
  });
});
