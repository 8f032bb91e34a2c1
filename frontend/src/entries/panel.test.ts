import type { Application } from '@hotwired/stimulus';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { AIFieldController } from '../panel/ai_field_controller';

beforeEach(() => {
  vi.resetModules();
  delete window.wagtail;
  delete window.wagtailAIBlocksPanel;
});

function fakeApp() {
  const register = vi.fn();
  window.wagtail = { app: { register } as unknown as Application };
  return register;
}

describe('the panel bundle', () => {
  it('registers the controller with Wagtail’s Stimulus application, once', async () => {
    const register = fakeApp();

    await import('./panel');
    vi.resetModules();
    await import('./panel');

    expect(register).toHaveBeenCalledOnce();
    const [identifier, controller] = register.mock.calls[0] as [string, unknown];
    expect(identifier).toBe('wab-ai-field');
    // A fresh module graph per import: compare by name, not identity.
    expect((controller as typeof AIFieldController).name).toBe(AIFieldController.name);
  });

  it('waits for the page when Wagtail’s application is not there yet', async () => {
    await import('./panel');
    const register = fakeApp();

    document.dispatchEvent(new Event('DOMContentLoaded'));

    expect(register).toHaveBeenCalledOnce();
  });
});
