/**
 * "Offline model — rough drafts": what the menus and panels say when the small
 * embedded model answers (`provider.offline` in the page config, set by
 * `wagtail_ai_blocks/client_config.py`), with the server's words on how to
 * connect a provider.
 */

import { gettext } from '../i18n';
import type { ClientConfig } from './types';

export interface OfflineNote {
  /** The short note, always visible. */
  label: string;
  /** How to get better answers, shown when the note is opened. */
  help: string;
}

/** The note to show, or null when a provider answers. */
export function offlineNote(config: ClientConfig | null): OfflineNote | null {
  if (config?.provider.offline !== true) return null;
  return {
    label: gettext('Offline model — rough drafts'),
    help: typeof config.provider.offline_help === 'string' ? config.provider.offline_help : '',
  };
}
