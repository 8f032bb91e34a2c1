import { beforeEach, describe, expect, it, vi } from 'vitest';

import { generate, getQuota, stream } from './client';
import { AIRequestError } from './errors';
import { formatRetryAfter } from './format';
import type {
  ClientConfig,
  DoneEvent,
  GenerateRequest,
  GenerateResponse,
  Quota,
  QuotaStatus,
} from './types';

const config: ClientConfig = {
  urls: {
    generate: '/admin/ai/generate/',
    stream: '/admin/ai/stream/',
    quota: '/admin/ai/quota/',
  },
  csrfToken: 'token-from-config',
  provider: { provider: 'OpenAI', model: 'gpt-4o-mini' },
};

const request: GenerateRequest = { action: 'improve', text: 'teh cat', format: 'text' };

const quota: Quota = { limit: 10, remaining: 7, reset: 1800, tier: 'user' };

const done: DoneEvent = {
  candidates: [{ text: 'The cat.', html: null, contentstate: null, length: 8, lost_entities: [] }],
  backend: 'openai',
  model: 'gpt-4o-mini',
  cache: 'miss',
  usage: { input_tokens: 12, output_tokens: 3, cost: 0.0001 },
  quota,
};

const encoder = new TextEncoder();

function json(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set('Content-Type', 'application/json');
  return new Response(JSON.stringify(body), { ...init, headers });
}

function sseEvent(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * A `text/event-stream` response whose body yields `chunks`, then closes,
 * fails (`fail`) or stays open (`open`), like a server that is still thinking.
 */
function eventStream(chunks: string[], end: 'close' | 'fail' | 'open' = 'close'): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      if (end === 'close') controller.close();
      if (end === 'fail') controller.error(new TypeError('network error'));
    },
  });
  return new Response(body, { headers: { 'Content-Type': 'text/event-stream; charset=utf-8' } });
}

function mockFetch(...responses: (Response | Error)[]) {
  const fetchMock = vi.fn<typeof fetch>();
  for (const response of responses) {
    if (response instanceof Error) fetchMock.mockRejectedValueOnce(response);
    else fetchMock.mockResolvedValueOnce(response);
  }
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

/** The rejection of `promise`, which must be an AIRequestError. */
async function failure(promise: Promise<unknown>): Promise<AIRequestError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the request to fail');
    },
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AIRequestError);
  return error as AIRequestError;
}

beforeEach(() => {
  document.cookie = 'csrftoken=; expires=Thu, 01 Jan 1970 00:00:00 GMT';
});

describe('generate', () => {
  const answer: GenerateResponse = { ...done, action: 'improve' };

  it('posts the request as JSON with the CSRF token and returns the answer', async () => {
    const fetchMock = mockFetch(json(answer));

    await expect(generate(config, request)).resolves.toEqual(answer);

    expect(fetchMock).toHaveBeenCalledOnce();
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('/admin/ai/generate/');
    expect(init).toMatchObject({
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json',
        'Content-Type': 'application/json',
        'X-CSRFToken': 'token-from-config',
        // so an expired session is a 403 from Wagtail, not a redirect to its login page
        'X-Requested-With': 'XMLHttpRequest',
      },
    });
    expect(JSON.parse(init?.body as string)).toEqual(request);
  });

  it('falls back to the csrftoken cookie when the config has no token', async () => {
    document.cookie = 'csrftoken=token-from-cookie';
    const fetchMock = mockFetch(json(answer));

    await generate({ ...config, csrfToken: undefined }, request);

    expect(fetchMock.mock.calls[0]?.[1]?.headers).toMatchObject({
      'X-CSRFToken': 'token-from-cookie',
    });
  });

  it('shows the server message of a 429 and the wait from Retry-After', async () => {
    mockFetch(
      json(
        {
          error: {
            code: 'rate_limited',
            message: 'You have used all your AI requests for now.',
            tier: 'user',
          },
        },
        { status: 429, headers: { 'Retry-After': '180' } },
      ),
    );

    const error = await failure(generate(config, request));

    expect(error.message).toBe('You have used all your AI requests for now.');
    expect(error).toMatchObject({ status: 429, code: 'rate_limited', retryAfter: 180 });
    expect(error.tier).toBe('user');
    expect(error.rateLimited).toBe(true);
    expect(formatRetryAfter(error.retryAfter)).toBe('Try again in 3 minutes');
  });

  it('prefers retry_after from the body over the header', async () => {
    mockFetch(
      json(
        { error: { code: 'budget_exceeded', message: 'Budget reached.', retry_after: 3600 } },
        { status: 429, headers: { 'Retry-After': '5' } },
      ),
    );

    const error = await failure(generate(config, request));

    expect(error).toMatchObject({ code: 'budget_exceeded', retryAfter: 3600 });
  });

  it('turns an HTML error page into a generic message', async () => {
    mockFetch(
      new Response('<!doctype html><h1>Server Error (500)</h1>', {
        status: 500,
        headers: { 'Content-Type': 'text/html; charset=utf-8' },
      }),
    );

    const error = await failure(generate(config, request));

    expect(error.message).toBe(
      'Something went wrong on the server (error 500). Try again in a moment.',
    );
    expect(error).toMatchObject({ status: 500, code: 'http_500', retryAfter: null });
  });

  it('asks to reload after an HTML 403 (e.g. CSRF failure)', async () => {
    mockFetch(
      new Response('<h1>Forbidden (403)</h1><p>CSRF verification failed.</p>', {
        status: 403,
        headers: { 'Content-Type': 'text/html' },
      }),
    );

    const error = await failure(generate(config, request));

    expect(error.message).toBe('Your session may have expired. Reload the page and try again.');
    expect(error.code).toBe('http_403');
  });

  it('uses Retry-After when the body has retry_after: null', async () => {
    mockFetch(
      json(
        { error: { code: 'rate_limited', message: 'Slow down.', retry_after: null, tier: null } },
        { status: 429, headers: { 'Retry-After': '60' } },
      ),
    );

    const error = await failure(generate(config, request));

    expect(error).toMatchObject({ retryAfter: 60, tier: null });
  });

  it('keeps the request id of an unexpected server error for support', async () => {
    mockFetch(
      json(
        {
          error: {
            code: 'internal_error',
            message: 'Something went wrong while talking to the AI service.',
            request_id: '3f2a9c1b7d4e',
          },
        },
        { status: 500 },
      ),
    );

    const error = await failure(generate(config, request));

    expect(error.message).toBe('Something went wrong while talking to the AI service.');
    expect(error).toMatchObject({ status: 500, code: 'internal_error', requestId: '3f2a9c1b7d4e' });
  });

  it('uses the generic message when a JSON error body has the wrong shape', async () => {
    mockFetch(json({ detail: 'Not found.' }, { status: 404 }));

    const error = await failure(generate(config, request));

    expect(error.message).toBe(
      'Something went wrong on the server (error 404). Try again in a moment.',
    );
    expect(error.code).toBe('http_404');
  });

  it('reports a lost connection as a network error', async () => {
    mockFetch(new TypeError('Failed to fetch'));

    const error = await failure(generate(config, request));

    expect(error.message).toBe('Could not reach the server. Check your connection and try again.');
    expect(error).toMatchObject({ status: 0, code: 'network_error' });
    expect(error.cause).toBeInstanceOf(TypeError);
  });

  it('rejects a 200 answer that is not JSON, such as a login page', async () => {
    mockFetch(
      new Response('<form action="/admin/login/">', { headers: { 'Content-Type': 'text/html' } }),
    );

    const error = await failure(generate(config, request));

    expect(error.message).toBe(
      'The server sent an unexpected answer. Reload the page and try again.',
    );
    expect(error.code).toBe('invalid_response');
  });

  it('rejects with "aborted" when the caller aborts before the answer', async () => {
    const fetchMock = vi.fn<typeof fetch>(
      (_url, init) =>
        new Promise((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () => {
            reject(new DOMException('The operation was aborted.', 'AbortError'));
          });
        }),
    );
    vi.stubGlobal('fetch', fetchMock);
    const controller = new AbortController();

    const promise = generate(config, request, { signal: controller.signal });
    controller.abort();
    const error = await failure(promise);

    expect(error).toMatchObject({ code: 'aborted', status: 0, aborted: true });
    expect(fetchMock.mock.calls[0]?.[1]?.signal).toBe(controller.signal);
  });

  it('does not send anything when the signal is already aborted', async () => {
    const fetchMock = mockFetch();
    const controller = new AbortController();
    controller.abort();

    const error = await failure(generate(config, request, { signal: controller.signal }));

    expect(error.code).toBe('aborted');
    expect(fetchMock).not.toHaveBeenCalled();
  });
});

describe('stream', () => {
  it('reports the growing text and resolves with the done event', async () => {
    const fetchMock = mockFetch(
      eventStream([
        ': ping\n\n',
        sseEvent('delta', { text: 'The' }),
        sseEvent('delta', { text: ' cat' }) + 'event: del',
        'ta\ndata: {"text": "."}\n\n',
        sseEvent('done', done),
      ]),
    );
    const onDelta = vi.fn();

    await expect(stream(config, request, { onDelta })).resolves.toEqual(done);

    expect(onDelta.mock.calls).toEqual([
      ['The', 'The'],
      ['The cat', ' cat'],
      ['The cat.', '.'],
    ]);
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('/admin/ai/stream/');
    expect(init).toMatchObject({
      method: 'POST',
      headers: { Accept: 'text/event-stream', 'X-CSRFToken': 'token-from-config' },
    });
  });

  it('skips events it does not know', async () => {
    mockFetch(eventStream([sseEvent('progress', { step: 1 }), sseEvent('done', done)]));

    await expect(stream(config, request)).resolves.toEqual(done);
  });

  it('rejects with the message of an error event', async () => {
    mockFetch(
      eventStream([
        sseEvent('delta', { text: 'The' }),
        sseEvent('error', {
          error: {
            code: 'provider_timeout',
            message: 'The AI service took too long to answer. Try again.',
          },
        }),
      ]),
    );
    const onDelta = vi.fn();

    const error = await failure(stream(config, request, { onDelta }));

    expect(error.message).toBe('The AI service took too long to answer. Try again.');
    expect(error).toMatchObject({ code: 'provider_timeout', status: 200 });
    expect(onDelta).toHaveBeenCalledOnce();
  });

  it('rejects with "stream_interrupted" when the stream ends without done', async () => {
    mockFetch(eventStream([sseEvent('delta', { text: 'The' })]));

    const error = await failure(stream(config, request));

    expect(error.message).toBe('The connection was lost before the AI finished. Try again.');
    expect(error).toMatchObject({ code: 'stream_interrupted', status: 200 });
  });

  it('rejects with "stream_interrupted" when the connection drops mid-stream', async () => {
    mockFetch(eventStream([sseEvent('delta', { text: 'The' })], 'fail'));

    const error = await failure(stream(config, request));

    expect(error.code).toBe('stream_interrupted');
  });

  it('does not accept a done event cut off by the end of the stream', async () => {
    mockFetch(eventStream([`event: done\ndata: ${JSON.stringify(done)}\n`]));

    const error = await failure(stream(config, request));

    expect(error.code).toBe('stream_interrupted');
  });

  it('rejects with "aborted" when the caller aborts while text is arriving', async () => {
    mockFetch(eventStream([sseEvent('delta', { text: 'The' })], 'open'));
    const controller = new AbortController();

    const error = await failure(
      stream(config, request, {
        signal: controller.signal,
        onDelta: () => {
          controller.abort();
        },
      }),
    );

    expect(error).toMatchObject({ code: 'aborted', aborted: true });
    expect(error.message).toBe('The AI request was cancelled.');
  });

  it('rejects with "aborted" when the caller aborts while the server is silent', async () => {
    mockFetch(eventStream([': ping\n\n'], 'open'));
    const controller = new AbortController();

    const promise = stream(config, request, { signal: controller.signal });
    setTimeout(() => {
      controller.abort();
    }, 10);
    const error = await failure(promise);

    expect(error.code).toBe('aborted');
  });

  it('shows the server message of an HTTP error before the stream starts', async () => {
    mockFetch(
      json(
        { error: { code: 'rate_limited', message: 'You have used all your AI requests for now.' } },
        { status: 429, headers: { 'Retry-After': '30' } },
      ),
    );

    const error = await failure(stream(config, request));

    expect(error.message).toBe('You have used all your AI requests for now.');
    expect(error).toMatchObject({ status: 429, retryAfter: 30 });
    expect(formatRetryAfter(error.retryAfter)).toBe('Try again in 30 seconds');
  });

  it('rejects a 200 answer that is not an event stream', async () => {
    mockFetch(json(done));

    const error = await failure(stream(config, request));

    expect(error.code).toBe('invalid_response');
  });

  it('rejects an event whose data is not JSON', async () => {
    mockFetch(eventStream(['event: delta\ndata: The\n\n']));

    const error = await failure(stream(config, request));

    expect(error.code).toBe('invalid_response');
  });

  it('stops reading once done arrives', async () => {
    const response = eventStream([sseEvent('done', done), sseEvent('delta', { text: 'late' })]);
    mockFetch(response);
    const onDelta = vi.fn();

    await stream(config, request, { onDelta });

    expect(onDelta).not.toHaveBeenCalled();
  });
});

describe('getQuota', () => {
  it('fetches the quota with a GET', async () => {
    const status: QuotaStatus = {
      quota,
      tiers: [quota, { limit: 1000, remaining: 990, reset: 86400, tier: 'global' }],
      provider: { backend: 'openai', provider: 'OpenAI', model: 'gpt-4o-mini', streaming: true },
    };
    const fetchMock = mockFetch(json(status));

    await expect(getQuota(config)).resolves.toEqual(status);

    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('/admin/ai/quota/');
    expect(init).toMatchObject({ method: 'GET' });
    expect(init?.body).toBeUndefined();
  });

  it('shows the server message when the user may not use AI', async () => {
    mockFetch(
      json(
        {
          error: {
            code: 'permission_denied',
            message: 'You do not have permission to use AI assistance.',
          },
        },
        { status: 403 },
      ),
    );

    const error = await failure(getQuota(config));

    expect(error.message).toBe('You do not have permission to use AI assistance.');
    expect(error).toMatchObject({ status: 403, code: 'permission_denied' });
  });
});
