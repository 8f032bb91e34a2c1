import { describe, expect, it } from 'vitest';

import { AIRequestError, errorMessage, isErrorBody, parseRetryAfter, retryHint } from './errors';

describe('AIRequestError', () => {
  it('is an Error with a readable name and the server message', () => {
    const error = new AIRequestError('The AI service is busy. Try again in a moment.', {
      status: 502,
      code: 'provider_rate_limited',
    });

    expect(error).toBeInstanceOf(Error);
    expect(String(error)).toBe('AIRequestError: The AI service is busy. Try again in a moment.');
    expect(error).toMatchObject({ retryAfter: null, tier: null, requestId: null });
  });

  it.each([
    [429, 'rate_limited', true],
    [429, 'http_429', true],
    [429, 'budget_exceeded', true],
    [502, 'provider_rate_limited', true],
    [200, 'rate_limited', true],
    [502, 'provider_error', false],
    [0, 'network_error', false],
  ])('status %s with code %s is rate limited: %s', (status, code, expected) => {
    expect(new AIRequestError('x', { status, code }).rateLimited).toBe(expected);
  });
});

describe('isErrorBody', () => {
  it('accepts the error shape of the API', () => {
    expect(isErrorBody({ error: { code: 'bad_request', message: 'Nope.' } })).toBe(true);
  });

  it.each([
    null,
    'error',
    { error: 'bad_request' },
    { error: { code: 'bad_request' } },
    { error: { code: 'bad_request', message: '' } },
    { detail: 'Not found.' },
  ])('rejects %j', (value) => {
    expect(isErrorBody(value)).toBe(false);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-07-14T09:00:00Z');

  it('reads a number of seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });

  it('reads an HTTP date as seconds from now, rounded up', () => {
    expect(parseRetryAfter('Mon, 14 Jul 2025 09:02:00 GMT', now)).toBe(120);
    expect(parseRetryAfter('Mon, 14 Jul 2025 08:00:00 GMT', now)).toBe(0);
  });

  it('returns null when there is no usable value', () => {
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter('-5', now)).toBeNull();
  });
});

describe('errorMessage', () => {
  it('adds the reference of an unexpected server error', () => {
    const error = new AIRequestError('Something went wrong.', {
      status: 500,
      code: 'internal_error',
      requestId: 'abc123',
    });

    expect(errorMessage(error)).toBe('Something went wrong. (Reference: abc123)');
  });

  it('has a generic message for anything else', () => {
    expect(errorMessage(new Error('boom'))).toBe('Something went wrong. Try again in a moment.');
  });
});

describe('retryHint', () => {
  it('says how long to wait after the provider or a proxy refused', () => {
    const busy = new AIRequestError('The AI service is busy.', {
      status: 503,
      code: 'provider_rate_limited',
      retryAfter: 30,
    });
    const proxy = new AIRequestError('Too many AI requests.', { status: 429, code: 'http_429' });

    expect(retryHint(busy)).toBe('Try again in 30 seconds');
    expect(errorMessage(busy)).toBe('The AI service is busy. Try again in 30 seconds');
    expect(retryHint(proxy)).toBe('Try again later');
  });

  it('adds nothing when our own limit’s message already says when', () => {
    const limited = new AIRequestError(
      'You have used all your AI requests for now. Try again in 1 hour.',
      { status: 429, code: 'rate_limited', retryAfter: 3600 },
    );
    const budget = new AIRequestError(
      'The site’s monthly AI budget has been reached. It renews in 3 days.',
      {
        status: 429,
        code: 'budget_exceeded',
        retryAfter: 259200,
      },
    );

    expect(retryHint(limited)).toBeNull();
    expect(errorMessage(limited)).toBe(
      'You have used all your AI requests for now. Try again in 1 hour.',
    );
    expect(retryHint(budget)).toBeNull();
  });

  it('is null for errors that waiting does not fix', () => {
    expect(retryHint(new AIRequestError('Bad.', { status: 400, code: 'bad_request' }))).toBeNull();
  });
});
