/**
 * The editor's AI allowance, shared by every AI control on the page: the rich-text
 * toolbar, the field panels and the blocks.
 *
 * Loaded once from `GET urls.quota` and refreshed by each answer. A 403 means the
 * user may not use AI: the controls then hide altogether. Each bundle has its own
 * store (module state is per script); an answer's quota is announced on the page
 * (`api/quotaEvent.ts`) and every store takes it, so a control added later starts
 * from the newest allowance, not the page load's.
 */

import { AIRequestError, announceQuota, getQuota, onQuotaAnnounced } from '../api';
import type { ClientConfig, Quota } from '../api/types';

export type QuotaState =
  | { status: 'loading' }
  | { status: 'ready'; quota: Quota }
  /** The user has no permission to use AI. */
  | { status: 'forbidden' }
  /** The allowance could not be read; AI stays available, the menu just does not show it. */
  | { status: 'unknown' };

type Listener = (state: QuotaState) => void;

export class QuotaStore {
  private state: QuotaState = { status: 'loading' };
  private readonly listeners = new Set<Listener>();
  private loading: Promise<void> | null = null;

  constructor(private readonly load: () => Promise<Quota>) {}

  get current(): QuotaState {
    return this.state;
  }

  /** Listen to changes; returns the function that stops listening. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Load the allowance (once; later calls reuse the first request unless `force`). */
  refresh({ force = false }: { force?: boolean } = {}): Promise<void> {
    if (this.state.status === 'forbidden') return Promise.resolve();
    if (this.loading && !force) return this.loading;
    this.loading = this.load().then(
      (quota) => {
        this.set({ status: 'ready', quota });
      },
      (error: unknown) => {
        const forbidden =
          error instanceof AIRequestError && error.status === 403 && error.code !== 'csrf_failed';
        this.set(forbidden ? { status: 'forbidden' } : { status: 'unknown' });
      },
    );
    return this.loading;
  }

  /** The allowance from an answer: shown here and announced to the rest of the page. */
  update(quota: Quota): void {
    if (this.state.status === 'forbidden') return;
    this.set({ status: 'ready', quota });
    announceQuota(quota);
  }

  /** An allowance announced by another AI control on the page. */
  receive(quota: Quota): void {
    if (this.state.status === 'forbidden') return;
    if (this.state.status === 'ready' && this.state.quota === quota) return; // our own
    this.set({ status: 'ready', quota });
  }

  private set(state: QuotaState): void {
    this.state = state;
    for (const listener of this.listeners) listener(state);
  }
}

let shared: QuotaStore | null = null;

/** The page's store, reading `urls.quota` from `config`. */
export function pageQuota(config: ClientConfig): QuotaStore {
  if (!shared) {
    const store = new QuotaStore(async () => (await getQuota(config)).quota);
    onQuotaAnnounced((quota) => {
      store.receive(quota);
    });
    shared = store;
  }
  return shared;
}

/** For tests: forget the page's store. */
export function resetPageQuota(): void {
  shared = null;
}
