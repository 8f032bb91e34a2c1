import { Application } from '@hotwired/stimulus';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { ImageJobController, type JobStatus, POLL_MS } from './job_controller';

const HTML = `
<div data-controller="wab-image-job" data-wab-image-job-url-value="/status/" data-wab-image-job-state-value="running">
  <div role="progressbar" aria-valuenow="0" data-wab-image-job-target="bar"><div></div></div>
  <span data-wab-image-job-target="percent">0%</span>
  <span data-wab-image-job-target="message">Describing images…</span>
  <table><tbody>
  <tr data-wab-image-job-target="item" data-item-id="1" data-status="pending">
    <td data-role="status">Waiting</td>
    <td><textarea data-role="text"></textarea><p data-role="error"></p></td>
    <td><button data-role="approve">Approve</button><button data-role="reject">Reject</button><button data-role="retry">Retry</button></td>
  </tr>
  <tr data-wab-image-job-target="item" data-item-id="2" data-status="pending">
    <td data-role="status">Waiting</td>
    <td><textarea data-role="text"></textarea><p data-role="error"></p></td>
    <td><button data-role="approve">Approve</button><button data-role="reject">Reject</button><button data-role="retry">Retry</button></td>
  </tr>
  </tbody></table>
</div>`;

function status(overrides: Partial<JobStatus> = {}): JobStatus {
  return {
    state: 'finished',
    percent: 100,
    processed: 2,
    total: 2,
    message: 'Finished.',
    resume_at: null,
    items: [
      {
        id: 1,
        status: 'suggested',
        status_label: 'To review',
        suggestion: 'A fern.',
        error: '',
        retryable: false,
      },
      {
        id: 2,
        status: 'failed',
        status_label: 'Failed',
        suggestion: '',
        error: 'The AI service returned an error.',
        retryable: true,
      },
    ],
    ...overrides,
  };
}

const row = (id: number) => document.querySelector<HTMLElement>(`[data-item-id="${id}"]`)!;
const button = (id: number, role: string) =>
  row(id).querySelector<HTMLButtonElement>(`[data-role="${role}"]`)!;

describe('wab-image-job', () => {
  let app: Application;

  beforeEach(async () => {
    vi.useFakeTimers();
    document.body.innerHTML = HTML;
    app = Application.start();
    app.register('wab-image-job', ImageJobController);
    await Promise.resolve();
  });

  afterEach(() => {
    app.stop();
    vi.useRealTimers();
  });

  it('polls the status and updates the bar, the message and each row', async () => {
    const fetch = vi.fn(() => Promise.resolve(new Response(JSON.stringify(status()))));
    vi.stubGlobal('fetch', fetch);

    await vi.advanceTimersByTimeAsync(POLL_MS);

    expect(fetch).toHaveBeenCalledWith('/status/', expect.anything());
    expect(document.querySelector('[role=progressbar]')!.getAttribute('aria-valuenow')).toBe('100');
    expect(document.querySelector('[data-wab-image-job-target=percent]')!.textContent).toBe('100%');
    expect(row(1).querySelector('textarea')!.value).toBe('A fern.');
    expect(row(1).querySelector('[data-role=status]')!.textContent).toBe('To review');
    expect([button(1, 'approve').hidden, button(1, 'retry').hidden]).toEqual([false, true]);
    expect(row(2).querySelector('[data-role=error]')!.textContent).toBe(
      'The AI service returned an error.',
    );
    expect([button(2, 'approve').hidden, button(2, 'retry').hidden]).toEqual([true, false]);

    // Finished: no more polling.
    await vi.advanceTimersByTimeAsync(POLL_MS * 3);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('keeps polling while paused and says when the job resumes', async () => {
    const paused = status({
      state: 'paused',
      percent: 25,
      message: 'Paused: limit reached. Resumes at 14:05.',
      items: [],
    });
    const fetch = vi.fn(() => Promise.resolve(new Response(JSON.stringify(paused))));
    vi.stubGlobal('fetch', fetch);

    await vi.advanceTimersByTimeAsync(POLL_MS * 2);

    expect(fetch).toHaveBeenCalledTimes(2);
    const message = document.querySelector<HTMLElement>('[data-wab-image-job-target=message]')!;
    expect(message.textContent).toBe('Paused: limit reached. Resumes at 14:05.');
    expect(message.dataset.state).toBe('paused');
  });

  it('does not overwrite a description the editor is editing', async () => {
    const text = row(1).querySelector('textarea')!;
    text.value = 'My own words.';
    text.dispatchEvent(new Event('input', { bubbles: true }));
    vi.stubGlobal('fetch', () => Promise.resolve(new Response(JSON.stringify(status()))));

    await vi.advanceTimersByTimeAsync(POLL_MS);

    expect(text.value).toBe('My own words.');
  });
});
