/**
 * The typed client for the wagtail-ai-blocks HTTP API (contract in `types.ts`).
 *
 * Every failure is thrown as an `AIRequestError` whose `message` can be shown
 * to the editor as is.
 *
 * @example
 * const config = readConfig();
 * const done = await stream(config, { action: 'improve', text, format: 'text' }, {
 *   signal: controller.signal,
 *   onDelta: (textSoFar) => { preview.textContent = textSoFar; },
 * });
 */

import { getCsrfToken } from './config';
import {
  abortedError,
  errorFromBody,
  errorFromResponse,
  invalidResponseError,
  isErrorBody,
  isJson,
  networkError,
  streamInterruptedError,
} from './errors';
import { isObject } from './guards';
import { SSEParser, type ServerSentEvent } from './sse';
import type {
  ClientConfig,
  DoneEvent,
  GenerateRequest,
  GenerateResponse,
  QuotaStatus,
} from './types';

export interface RequestOptions {
  /** Abort the request; the promise then rejects with code `aborted`. */
  signal?: AbortSignal;
}

export interface StreamOptions extends RequestOptions {
  /** Called for every piece of text, with everything received so far. */
  onDelta?: (textSoFar: string, delta: string) => void;
}

/** One answer (or several `candidates`) in a single JSON response. */
export async function generate(
  config: ClientConfig,
  body: GenerateRequest,
  { signal }: RequestOptions = {},
): Promise<GenerateResponse> {
  const response = await send(config, config.urls.generate, {
    method: 'POST',
    body,
    accept: 'application/json',
    signal,
  });
  const data = await readJson(response, signal);
  if (!isObject(data) || !Array.isArray(data.candidates)) {
    throw invalidResponseError(response.status);
  }
  return data as unknown as GenerateResponse;
}

/**
 * POST a whole form (an edit form's `FormData`, as Wagtail's preview does) to
 * `url`; the JSON answer, for the caller to check.
 */
export async function postForm(
  config: ClientConfig,
  url: string,
  form: FormData,
  { signal }: RequestOptions = {},
): Promise<Record<string, unknown>> {
  const response = await send(config, url, {
    method: 'POST',
    body: form,
    accept: 'application/json',
    signal,
  });
  const data = await readJson(response, signal);
  if (!isObject(data)) throw invalidResponseError(response.status);
  return data;
}

/** The caller's current allowance, every tier that applies, and the provider. */
export async function getQuota(
  config: ClientConfig,
  { signal }: RequestOptions = {},
): Promise<QuotaStatus> {
  const response = await send(config, config.urls.quota, {
    method: 'GET',
    accept: 'application/json',
    signal,
  });
  const data = await readJson(response, signal);
  if (!isObject(data) || !isObject(data.quota)) {
    throw invalidResponseError(response.status);
  }
  return data as unknown as QuotaStatus;
}

/**
 * Stream an answer: `onDelta` sees the text grow, the promise resolves with
 * the `done` event (final candidates, usage, quota).
 *
 * Uses fetch and a stream reader rather than `EventSource`, which cannot POST.
 */
export async function stream(
  config: ClientConfig,
  body: GenerateRequest,
  { signal, onDelta }: StreamOptions = {},
): Promise<DoneEvent> {
  const response = await send(config, config.urls.stream, {
    method: 'POST',
    body,
    accept: 'text/event-stream',
    signal,
  });
  const contentType = response.headers.get('Content-Type') ?? '';
  if (!contentType.startsWith('text/event-stream') || !response.body) {
    await response.body?.cancel().catch(ignore);
    throw invalidResponseError(response.status);
  }

  const { status } = response;
  const reader = response.body.getReader();
  // A silent server would leave `read()` pending forever; cancelling settles it.
  const onAbort = (): void => void reader.cancel().catch(ignore);
  signal?.addEventListener('abort', onAbort);
  const parser = new SSEParser();
  let text = '';

  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (error) {
        throw signal?.aborted ? abortedError(error) : streamInterruptedError(status, error);
      }
      if (signal?.aborted) throw abortedError(signal.reason);

      const events = chunk.done ? parser.end() : parser.feed(chunk.value);
      for (const event of events) {
        switch (event.event) {
          case 'delta': {
            const data = parseEventData(event, status);
            const delta = isObject(data) ? data.text : undefined;
            if (typeof delta !== 'string') throw invalidResponseError(status);
            text += delta;
            onDelta?.(text, delta);
            break;
          }
          case 'done': {
            const done = parseEventData(event, status);
            if (!isObject(done) || !Array.isArray(done.candidates)) {
              throw invalidResponseError(status);
            }
            return done as unknown as DoneEvent;
          }
          case 'error': {
            const error = parseEventData(event, status);
            throw isErrorBody(error) ? errorFromBody(error, status) : invalidResponseError(status);
          }
          default:
          // Unknown events are skipped, so the server can add new ones.
        }
      }
      if (chunk.done) throw streamInterruptedError(status);
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    // Stops the download if we leave early (done, error event, or a throwing onDelta).
    reader.cancel().catch(ignore);
  }
}

interface SendOptions {
  method: 'GET' | 'POST';
  body?: GenerateRequest | FormData;
  accept: string;
  signal: AbortSignal | undefined;
}

async function send(
  config: ClientConfig,
  url: string,
  { method, body, accept, signal }: SendOptions,
): Promise<Response> {
  if (signal?.aborted) throw abortedError(signal.reason);

  // X-Requested-With makes Wagtail's admin answer an expired session with a 403
  // (which we report as such) instead of a redirect to its login page.
  const headers: Record<string, string> = { Accept: accept, 'X-Requested-With': 'XMLHttpRequest' };
  const csrfToken = getCsrfToken(config);
  if (csrfToken) headers['X-CSRFToken'] = csrfToken;
  const init: RequestInit = { method, headers, credentials: 'same-origin' };
  if (body instanceof FormData) {
    init.body = body; // the browser sets the multipart Content-Type and boundary
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  if (signal) init.signal = signal;

  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    throw signal?.aborted ? abortedError(error) : networkError(error);
  }
  if (!response.ok) throw await errorFromResponse(response);
  return response;
}

async function readJson(response: Response, signal: AbortSignal | undefined): Promise<unknown> {
  if (!isJson(response)) {
    // Typically the login page, after a redirect when the session expired.
    await response.body?.cancel().catch(ignore);
    throw invalidResponseError(response.status);
  }
  try {
    return await response.json();
  } catch (error) {
    if (signal?.aborted) throw abortedError(error);
    // A SyntaxError is a malformed body; anything else is the connection dropping.
    throw error instanceof SyntaxError
      ? invalidResponseError(response.status, error)
      : networkError(error);
  }
}

function parseEventData(event: ServerSentEvent, status: number): unknown {
  try {
    return JSON.parse(event.data);
  } catch (error) {
    throw invalidResponseError(status, error);
  }
}

function ignore(): void {
  // Cancelling an already finished or errored stream may reject; nothing to do.
}
