/**
 * The one error type the API client throws, and how HTTP failures become it.
 *
 * `message` is always fit to show an editor: either the server's own message
 * (already translated) or one of the generic messages below.
 */

import { gettext, interpolate } from '../i18n';
import { formatRetryAfter } from './format';
import { isObject } from './guards';
import type { ErrorBody } from './types';

/** Codes the client itself produces; the server's own codes pass through unchanged. */
export const ClientErrorCode = {
  /** The request never reached the server (offline, DNS, CORS, connection reset). */
  NetworkError: 'network_error',
  /** The stream ended, or the connection dropped, before the `done` event. */
  StreamInterrupted: 'stream_interrupted',
  /** The caller aborted the request through its `AbortSignal`. */
  Aborted: 'aborted',
  /** A 2xx answer that is not what the contract promises (e.g. a login page). */
  InvalidResponse: 'invalid_response',
} as const;

/** Server codes that mean "you are out of requests for now". */
const RATE_LIMIT_CODES = new Set(['rate_limited', 'budget_exceeded', 'provider_rate_limited']);

export class AIRequestError extends Error {
  override readonly name = 'AIRequestError';
  /**
   * HTTP status of the response: 0 when there was none (network loss, abort),
   * 200 for an `error` event inside a stream (then `code` tells what happened).
   */
  readonly status: number;
  /** The server's error code, a `ClientErrorCode`, or `http_<status>`. */
  readonly code: string;
  /** Seconds to wait before retrying, from the body or the `Retry-After` header. */
  readonly retryAfter: number | null;
  /** The rate-limit tier that refused the request, when the server names one. */
  readonly tier: string | null;
  /** The server's id for an unexpected error, for its logs. */
  readonly requestId: string | null;

  constructor(
    message: string,
    {
      status,
      code,
      retryAfter = null,
      tier = null,
      requestId = null,
      cause,
    }: {
      status: number;
      code: string;
      retryAfter?: number | null;
      tier?: string | null;
      requestId?: string | null;
      cause?: unknown;
    },
  ) {
    super(message, cause === undefined ? undefined : { cause });
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
    this.tier = tier;
    this.requestId = requestId;
  }

  /** True when the caller cancelled; such errors are usually not shown. */
  get aborted(): boolean {
    return this.code === ClientErrorCode.Aborted;
  }

  /** True when waiting (see `retryAfter`) is the fix. */
  get rateLimited(): boolean {
    return this.status === 429 || RATE_LIMIT_CODES.has(this.code);
  }
}

export function isErrorBody(value: unknown): value is ErrorBody {
  if (!isObject(value) || !isObject(value.error)) return false;
  const { code, message } = value.error;
  return typeof code === 'string' && typeof message === 'string' && message !== '';
}

/** The error for a well-formed `{"error": {...}}` body or `event: error` data. */
export function errorFromBody(
  body: ErrorBody,
  status: number,
  retryAfterHeader: number | null = null,
): AIRequestError {
  const { code, message, retry_after: retryAfter, tier, request_id: requestId } = body.error;
  return new AIRequestError(message, {
    status,
    code,
    retryAfter: typeof retryAfter === 'number' ? retryAfter : retryAfterHeader,
    tier: typeof tier === 'string' ? tier : null,
    requestId: typeof requestId === 'string' ? requestId : null,
  });
}

/**
 * Turn a non-2xx response into an `AIRequestError`.
 *
 * Our API always answers errors in JSON, but a proxy, Django's CSRF failure
 * view or a crashed worker may answer with an HTML page instead; those get a
 * generic message and the code `http_<status>`.
 */
export async function errorFromResponse(response: Response): Promise<AIRequestError> {
  const retryAfter = parseRetryAfter(response.headers.get('Retry-After'));
  let body: unknown = null;
  if (isJson(response)) {
    try {
      body = await response.json();
    } catch {
      // Falls through to the generic message below.
    }
  }
  if (isErrorBody(body)) return errorFromBody(body, response.status, retryAfter);

  return new AIRequestError(genericMessage(response.status), {
    status: response.status,
    code: `http_${response.status}`,
    retryAfter,
  });
}

function genericMessage(status: number): string {
  if (status === 401 || status === 403) {
    // Django's CSRF failure page and an expired login both land here.
    return gettext('Your session may have expired. Reload the page and try again.');
  }
  if (status === 429) {
    return gettext('Too many AI requests. Wait a moment and try again.');
  }
  return interpolate(
    gettext('Something went wrong on the server (error %(status)s). Try again in a moment.'),
    { status },
  );
}

export function networkError(cause: unknown): AIRequestError {
  return new AIRequestError(
    gettext('Could not reach the server. Check your connection and try again.'),
    { status: 0, code: ClientErrorCode.NetworkError, cause },
  );
}

export function abortedError(cause?: unknown): AIRequestError {
  return new AIRequestError(gettext('The AI request was cancelled.'), {
    status: 0,
    code: ClientErrorCode.Aborted,
    cause,
  });
}

export function streamInterruptedError(status: number, cause?: unknown): AIRequestError {
  return new AIRequestError(gettext('The connection was lost before the AI finished. Try again.'), {
    status,
    code: ClientErrorCode.StreamInterrupted,
    cause,
  });
}

export function invalidResponseError(status: number, cause?: unknown): AIRequestError {
  return new AIRequestError(
    gettext('The server sent an unexpected answer. Reload the page and try again.'),
    { status, code: ClientErrorCode.InvalidResponse, cause },
  );
}

/**
 * Seconds from a `Retry-After` header, which is either a number of seconds or
 * an HTTP date. Returns `null` when absent or unreadable.
 */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  // An HTTP date names its month; without this, Date.parse('-5') is a valid year.
  if (!/[a-z]/i.test(trimmed)) return null;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

export function isJson(response: Response): boolean {
  const type = response.headers.get('Content-Type') ?? '';
  return /^application\/(?:[\w.+-]+\+)?json\b/i.test(type.trim());
}

/**
 * Codes whose message from our server already says how long to wait ("… Try again in
 * 1 hour.", `refusal_message` in `wagtail_ai_blocks/limits/decisions.py`).
 */
const WAIT_IN_MESSAGE = new Set(['rate_limited', 'budget_exceeded']);

/** "Try again in 3 minutes" after a refusal whose message does not say it yet; else null. */
export function retryHint(error: AIRequestError): string | null {
  if (!error.rateLimited || WAIT_IN_MESSAGE.has(error.code)) return null;
  return formatRetryAfter(error.retryAfter);
}

/** What to tell the editor: the server's message, how long to wait, a reference. */
export function errorMessage(error: unknown): string {
  if (!(error instanceof AIRequestError)) {
    return gettext('Something went wrong. Try again in a moment.');
  }
  const parts = [error.message];
  const hint = retryHint(error);
  if (hint) parts.push(hint);
  if (error.requestId) {
    parts.push(interpolate(gettext('(Reference: %(id)s)'), { id: error.requestId }));
  }
  return parts.join(' ');
}
