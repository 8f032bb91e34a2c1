import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { REQUEST_TIMEOUT_MS, TimedRequest } from './timed';

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('TimedRequest', () => {
  it('aborts by itself once the time is up, and says so', () => {
    const request = new TimedRequest();

    vi.advanceTimersByTime(REQUEST_TIMEOUT_MS - 1);
    expect(request.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);

    expect(request.signal.aborted).toBe(true);
    expect(request.timedOut).toBe(true);
  });

  it('is not a timeout when stopped, and a cleared request never times out', () => {
    const stopped = new TimedRequest(100);
    stopped.abort();
    const finished = new TimedRequest(100);
    finished.clear();

    vi.advanceTimersByTime(200);

    expect(stopped.signal.aborted).toBe(true);
    expect(stopped.timedOut).toBe(false);
    expect(finished.signal.aborted).toBe(false);
    expect(finished.timedOut).toBe(false);
  });
});
