/**
 * Whether AI is offered on this page, shared by every editor's controls.
 *
 * The client config is rendered on admin pages only for users allowed to use AI:
 * without it the controls are not shown.
 */

import { useEffect, useState } from 'react';

import { readConfig } from '../api';
import type { ClientConfig } from '../api/types';
import { pageQuota, type QuotaState } from '../editor/quota';

let config: ClientConfig | null | undefined;

/** The page's client config, or null when it is missing or invalid (AI is then not offered). */
export function pageConfig(): ClientConfig | null {
  if (config === undefined) {
    try {
      config = readConfig();
    } catch {
      config = null;
    }
  }
  return config;
}

/** For tests: read the config again next time. */
export function resetPageConfig(): void {
  config = undefined;
}

/** The page's quota state, loading it on first use. Null without config. */
export function useQuota(): QuotaState | null {
  const current = pageConfig();
  const store = current ? pageQuota(current) : null;
  const [state, setState] = useState<QuotaState | null>(store ? store.current : null);
  useEffect(() => {
    if (!store) return undefined;
    const unsubscribe = store.subscribe(setState);
    setState(store.current);
    void store.refresh();
    return unsubscribe;
  }, [store]);
  return state;
}
