/**
 * `wab-image-job`: a bulk image description job's review page, kept up to date.
 *
 * Polls the job's status (`wagtail_ai_blocks/images/views.py`, `job_status`) while
 * the job runs or is paused, and updates the progress bar, the message (which says
 * when a paused job resumes) and each image's row: its status, the suggested
 * description (unless the editor is editing it) and its error. Which buttons a row
 * offers follows its status. Nothing here writes to an image: approving is a form post.
 *
 * @example
 * <div data-controller="wab-image-job" data-wab-image-job-url-value="/admin/ai-blocks/images/jobs/1/status/"
 *      data-wab-image-job-state-value="running">
 *   <div role="progressbar" aria-valuenow="0" data-wab-image-job-target="bar"><div></div></div>
 *   <span data-wab-image-job-target="percent">0%</span>
 *   <span data-wab-image-job-target="message">Describing images…</span>
 *   <tr data-wab-image-job-target="item" data-item-id="7" data-status="pending">
 *     <td data-role="status">Waiting</td>
 *     <td><textarea data-role="text"></textarea><p data-role="error"></p></td>
 *     <td><button data-role="approve"></button><button data-role="reject"></button><button data-role="retry"></button></td>
 *   </tr>
 * </div>
 */

import { Controller } from '@hotwired/stimulus';

/** Mirrors `job_status()` in `wagtail_ai_blocks/images/views.py`. */
export interface JobStatus {
  state: 'running' | 'paused' | 'finished';
  percent: number;
  processed: number;
  total: number;
  message: string;
  resume_at: string | null;
  items: ItemStatus[];
}

export interface ItemStatus {
  id: number;
  status: 'pending' | 'working' | 'suggested' | 'failed' | 'approved' | 'rejected';
  status_label: string;
  suggestion: string;
  error: string;
  retryable: boolean;
}

export const POLL_MS = 1000;

export class ImageJobController extends Controller<HTMLElement> {
  static override values = { url: String, state: String };
  static override targets = ['bar', 'percent', 'message', 'item'];

  declare readonly urlValue: string;
  declare stateValue: string;
  declare readonly barTarget: HTMLElement;
  declare readonly percentTarget: HTMLElement;
  declare readonly messageTarget: HTMLElement;
  declare readonly itemTargets: HTMLElement[];

  private timer: number | null = null;
  private readonly edited = new Set<string>();

  override connect(): void {
    this.element.addEventListener('input', this.onInput);
    for (const row of this.itemTargets) applyButtons(row, row.dataset.status ?? '', false);
    if (this.stateValue !== 'finished') this.schedule();
  }

  override disconnect(): void {
    this.element.removeEventListener('input', this.onInput);
    if (this.timer !== null) window.clearTimeout(this.timer);
    this.timer = null;
  }

  private readonly onInput = (event: Event): void => {
    const row = (event.target as HTMLElement).closest<HTMLElement>('[data-item-id]');
    if (row?.dataset.itemId) this.edited.add(row.dataset.itemId);
  };

  private schedule(): void {
    this.timer = window.setTimeout(() => void this.poll(), POLL_MS);
  }

  async poll(): Promise<void> {
    this.timer = null;
    try {
      const response = await fetch(this.urlValue, {
        headers: { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' },
        credentials: 'same-origin',
      });
      if (response.ok) this.apply((await response.json()) as JobStatus);
    } catch {
      // A dropped poll is retried on the next tick.
    }
    if (this.stateValue !== 'finished' && this.element.isConnected) this.schedule();
  }

  apply(status: JobStatus): void {
    this.stateValue = status.state;
    this.barTarget.setAttribute('aria-valuenow', String(status.percent));
    const fill = this.barTarget.firstElementChild as HTMLElement | null;
    if (fill) fill.style.width = `${status.percent}%`;
    this.percentTarget.textContent = `${status.percent}%`;
    this.messageTarget.textContent = status.message;
    this.messageTarget.dataset.state = status.state;
    const rows = new Map(this.itemTargets.map((row) => [row.dataset.itemId, row]));
    for (const item of status.items) {
      const row = rows.get(String(item.id));
      if (row) this.applyItem(row, item);
    }
  }

  private applyItem(row: HTMLElement, item: ItemStatus): void {
    const changed = row.dataset.status !== item.status;
    row.dataset.status = item.status;
    setText(row, 'status', item.status_label);
    setText(row, 'error', item.error);
    const text = row.querySelector<HTMLTextAreaElement>('[data-role="text"]');
    if (text && changed && !this.edited.has(String(item.id))) text.value = item.suggestion;
    applyButtons(row, item.status, item.retryable);
  }
}

function setText(row: HTMLElement, role: string, text: string): void {
  const element = row.querySelector<HTMLElement>(`[data-role="${role}"]`);
  if (element) element.textContent = text;
}

/** Approve and edit a suggestion; reject a suggestion or a failure; retry a retryable failure. */
export function applyButtons(row: HTMLElement, status: string, retryable: boolean): void {
  const show = (role: string, visible: boolean) => {
    const element = row.querySelector<HTMLElement>(`[data-role="${role}"]`);
    if (element) element.hidden = !visible;
  };
  show('approve', status === 'suggested');
  show('reject', status === 'suggested' || status === 'failed');
  show('retry', status === 'failed' && (retryable || row.dataset.retryable === 'true'));
  const text = row.querySelector<HTMLTextAreaElement>('[data-role="text"]');
  if (text) text.readOnly = status !== 'suggested';
}
