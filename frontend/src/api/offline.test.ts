import { describe, expect, it } from 'vitest';

import { offlineNote } from './offline';
import type { ClientConfig } from './types';

const config = (provider: ClientConfig['provider']): ClientConfig => ({
  urls: { generate: '/g/', stream: '/s/', quota: '/q/' },
  provider,
});

describe('offlineNote', () => {
  it('says the offline model writes rough drafts, with the server’s help', () => {
    expect(
      offlineNote(
        config({ provider: 'Local', model: 'smol', offline: true, offline_help: 'Connect one.' }),
      ),
    ).toEqual({ label: 'Offline model — rough drafts', help: 'Connect one.' });
  });

  it('says nothing when a provider answers or the config is older', () => {
    expect(offlineNote(config({ provider: 'OpenAI', model: 'gpt', offline: false }))).toBe(null);
    expect(offlineNote(config({ provider: 'OpenAI', model: 'gpt' }))).toBe(null);
    expect(offlineNote(null)).toBe(null);
  });
});
