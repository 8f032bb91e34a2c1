import { afterEach, describe, expect, it, vi } from 'vitest';

import { AIRequestError } from '../api';
import type { ClientConfig, DoneEvent, GenerateRequest } from '../api/types';
import { requestAnswer, type AnswerState } from './answer';
import { block } from './testing';

const config: ClientConfig = {
  urls: { generate: '/g', stream: '/s', quota: '/q' },
  provider: { provider: 'OpenAI', model: 'fake' },
};
const request: GenerateRequest = {
  action: 'shorten',
  text: '<p>Water weekly.</p>',
  format: 'html',
};
const quota = { limit: 10, remaining: 4, reset: 600, tier: 'user' };

function done(
  contentstate: unknown = { blocks: [block('a', 'Water weekly.')], entityMap: {} },
): DoneEvent {
  return {
    candidates: [
      {
        text: 'Water weekly.',
        html: '<p>Water weekly.</p>',
        contentstate: contentstate as Record<string, unknown>,
        length: 13,
        lost_entities: [],
      },
    ],
    backend: 'openai',
    model: 'fake',
    cache: 'miss',
    usage: { input_tokens: 1, output_tokens: 1, cost: 0 },
    quota,
  };
}

/** A stand-in for the streaming client: deltas, then `end` (a done event, or an error to throw). */
function fakeStream(deltas: string[], end: DoneEvent | Error | 'hang') {
  return vi.fn(
    (
      _config: ClientConfig,
      _request: GenerateRequest,
      {
        signal,
        onDelta,
      }: { signal?: AbortSignal; onDelta?: (soFar: string, delta: string) => void } = {},
    ) =>
      new Promise<DoneEvent>((resolve, reject) => {
        let soFar = '';
        for (const delta of deltas) {
          soFar += delta;
          onDelta?.(soFar, delta);
        }
        signal?.addEventListener('abort', () => {
          reject(new AIRequestError('aborted', { status: 0, code: 'aborted' }));
        });
        if (end === 'hang') return;
        if (end instanceof Error) reject(end);
        else resolve(end);
      }),
  );
}

afterEach(() => {
  vi.useRealTimers();
});

describe('requestAnswer', () => {
  it('shows the text as it streams, then the final answer and the new quota', async () => {
    const states: AnswerState[] = [];
    const onQuota = vi.fn();
    const stream = fakeStream(['<p>Water ', '<b>weekly</b>', '.</p>'], done());

    const final = await requestAnswer({
      config,
      request,
      stream,
      onQuota,
      onChange: (s) => states.push(s),
    }).finished;

    expect(states.slice(0, 4)).toEqual([
      { status: 'streaming', text: '' },
      { status: 'streaming', text: 'Water' },
      { status: 'streaming', text: 'Water weekly' },
      { status: 'streaming', text: 'Water weekly.' },
    ]);
    expect(final).toMatchObject({ status: 'done', text: 'Water weekly.' });
    expect(states[states.length - 1]).toBe(final);
    expect(onQuota).toHaveBeenCalledWith(quota);
    expect(stream.mock.calls[0]?.[1]).toBe(request);
  });

  it('refuses an answer without rich text content', async () => {
    const final = await requestAnswer({
      config,
      request,
      stream: fakeStream([], done(null)),
      onChange: () => undefined,
    }).finished;

    expect(final).toMatchObject({ status: 'failed', code: 'invalid_answer' });
  });

  it('says when to try again after a rate limit', async () => {
    const error = new AIRequestError('The AI service is busy. Try again in a moment.', {
      status: 200,
      code: 'provider_rate_limited',
      retryAfter: 30,
    });

    const final = await requestAnswer({
      config,
      request,
      stream: fakeStream(['<p>Wa'], error),
      onChange: () => undefined,
    }).finished;

    expect(final).toEqual({
      status: 'failed',
      text: 'Wa',
      message: 'The AI service is busy. Try again in a moment.',
      retryHint: 'Try again in 30 seconds',
      code: 'provider_rate_limited',
    });
  });

  it('passes on the message of an interrupted stream, without a wait', async () => {
    const error = new AIRequestError('The connection was lost before the AI finished. Try again.', {
      status: 200,
      code: 'stream_interrupted',
    });

    const final = await requestAnswer({
      config,
      request,
      stream: fakeStream([], error),
      onChange: () => undefined,
    }).finished;

    expect(final).toMatchObject({ status: 'failed', retryHint: null, code: 'stream_interrupted' });
  });

  it('stops when asked, keeping what arrived', async () => {
    const states: AnswerState[] = [];
    const run = requestAnswer({
      config,
      request,
      stream: fakeStream(['<p>Water'], 'hang'),
      onChange: (s) => states.push(s),
    });

    run.stop();

    await expect(run.finished).resolves.toEqual({ status: 'stopped', text: 'Water' });
    expect(states[states.length - 1]).toEqual({ status: 'stopped', text: 'Water' });
  });

  it('gives up after the time limit with a timeout message', async () => {
    vi.useFakeTimers();
    const run = requestAnswer({
      config,
      request,
      stream: fakeStream([], 'hang'),
      onChange: () => undefined,
      timeoutMs: 1000,
    });

    await vi.advanceTimersByTimeAsync(1000);

    await expect(run.finished).resolves.toMatchObject({
      status: 'failed',
      code: 'timeout',
      message: 'The AI service took too long to answer. Try again.',
    });
  });

  it('reports nothing after it has finished', async () => {
    const onChange = vi.fn();
    const run = requestAnswer({ config, request, stream: fakeStream([], done()), onChange });
    await run.finished;
    const calls = onChange.mock.calls.length;

    run.stop();

    expect(onChange).toHaveBeenCalledTimes(calls);
  });
});
