/**
 * The `core` bundle: the API client as a global, for templates and for
 * third-party code that cannot import our modules.
 *
 * Our other bundles import `../api` directly instead of going through the global.
 *
 * @example
 * const { api, readConfig } = window.wagtailAIBlocks;
 * const answer = await api.generate(readConfig(), { action: 'summarise', text, format: 'text' });
 */

import * as api from '../api';
import * as i18n from '../i18n';

const wagtailAIBlocks = {
  api,
  readConfig: api.readConfig,
  AIRequestError: api.AIRequestError,
  formatQuota: api.formatQuota,
  formatRetryAfter: api.formatRetryAfter,
  i18n,
};

export type WagtailAIBlocksGlobal = typeof wagtailAIBlocks;

declare global {
  interface Window {
    wagtailAIBlocks?: WagtailAIBlocksGlobal;
  }
}

// Loaded twice (two panels each adding the bundle)? Keep the first, so
// `instanceof AIRequestError` keeps working across both.
window.wagtailAIBlocks ??= wagtailAIBlocks;
