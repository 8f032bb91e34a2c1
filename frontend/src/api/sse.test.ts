import { describe, expect, it } from 'vitest';

import { SSEParser, type ServerSentEvent } from './sse';

const encoder = new TextEncoder();

/** Feed every chunk, then end the stream; returns all events in order. */
function parse(chunks: (string | Uint8Array)[]): ServerSentEvent[] {
  const parser = new SSEParser();
  const events = chunks.flatMap((chunk) => parser.feed(chunk));
  return [...events, ...parser.end()];
}

/** Every way of cutting `bytes` into two chunks. */
function allSplits(bytes: Uint8Array): Uint8Array[][] {
  return Array.from({ length: bytes.length + 1 }, (_, i) => [bytes.slice(0, i), bytes.slice(i)]);
}

const STREAM = [
  ': ping',
  'event: delta',
  'data: {"text": "Héllo"}',
  '',
  'event: delta',
  'data: {"text": " wörld 👋"}',
  '',
  ': ping',
  '',
  'event: done',
  'data: {"candidates": [],',
  'data:  "cache": "miss"}',
  '',
  '',
].join('\n');

const EXPECTED = [
  { event: 'delta', data: '{"text": "Héllo"}', id: '' },
  { event: 'delta', data: '{"text": " wörld 👋"}', id: '' },
  { event: 'done', data: '{"candidates": [],\n "cache": "miss"}', id: '' },
];

describe('SSEParser', () => {
  it('parses named events with JSON data', () => {
    expect(parse([STREAM])).toEqual(EXPECTED);
  });

  it('gives the same events however the bytes are split in two', () => {
    for (const chunks of allSplits(encoder.encode(STREAM))) {
      expect(parse(chunks)).toEqual(EXPECTED);
    }
  });

  it('gives the same events when fed one byte at a time', () => {
    const bytes = encoder.encode(STREAM);
    const chunks = Array.from(bytes, (byte) => Uint8Array.of(byte));
    expect(parse(chunks)).toEqual(EXPECTED);
  });

  it('returns each event from the chunk that completes it', () => {
    const parser = new SSEParser();
    expect(parser.feed('event: delta\ndata: {"text": "a"}\n')).toEqual([]);
    expect(parser.feed('\nevent: del')).toEqual([
      { event: 'delta', data: '{"text": "a"}', id: '' },
    ]);
    expect(parser.feed('ta\ndata: {"text": "b"}\n\n')).toEqual([
      { event: 'delta', data: '{"text": "b"}', id: '' },
    ]);
  });

  it.each([
    ['\\r\\n', '\r\n'],
    ['\\r', '\r'],
    ['\\n', '\n'],
  ])('accepts %s line endings', (_, eol) => {
    const text = STREAM.split('\n').join(eol);
    expect(parse([text])).toEqual(EXPECTED);
    for (const chunks of allSplits(encoder.encode(text))) {
      expect(parse(chunks)).toEqual(EXPECTED);
    }
  });

  it('does not read a \\r\\n split across chunks as two line endings', () => {
    // Read as two endings, the blank line would dispatch an event without `data: b`.
    expect(parse(['data: a\r', '\ndata: b\r\n\r\n'])).toEqual([
      { event: 'message', data: 'a\nb', id: '' },
    ]);
  });

  it('handles a \\r at the end of the last chunk', () => {
    expect(parse(['data: a\r\r'])).toEqual([{ event: 'message', data: 'a', id: '' }]);
  });

  it('joins multi-line data with newlines and keeps empty data lines', () => {
    expect(parse(['data: first\ndata:\ndata: third\n\n'])).toEqual([
      { event: 'message', data: 'first\n\nthird', id: '' },
    ]);
  });

  it('strips exactly one space after the colon', () => {
    expect(parse(['data:no space\n\ndata:  two spaces\n\n']).map((e) => e.data)).toEqual([
      'no space',
      ' two spaces',
    ]);
  });

  it('keeps colons inside the value', () => {
    expect(parse(['data: {"a": "b:c"}\n\n'])[0]?.data).toBe('{"a": "b:c"}');
  });

  it('skips comment lines, including between the fields of one event', () => {
    expect(parse([': hello\nevent: delta\n: ping\ndata: x\n:\n\n'])).toEqual([
      { event: 'delta', data: 'x', id: '' },
    ]);
  });

  it('does not dispatch an event that has no data lines', () => {
    expect(parse(['event: delta\n\ndata: x\n\n'])).toEqual([
      { event: 'message', data: 'x', id: '' },
    ]);
  });

  it('treats a field name without a colon as having an empty value', () => {
    expect(parse(['data\n\n'])).toEqual([{ event: 'message', data: '', id: '' }]);
  });

  it('ignores retry and unknown fields', () => {
    expect(parse(['retry: 3000\nfoo: bar\ndata: x\n\n'])).toEqual([
      { event: 'message', data: 'x', id: '' },
    ]);
  });

  it('keeps the last event id for the following events', () => {
    expect(parse(['id: 7\ndata: a\n\ndata: b\n\nid\ndata: c\n\n']).map((e) => e.id)).toEqual([
      '7',
      '7',
      '',
    ]);
  });

  it('discards an event the stream ends in the middle of', () => {
    expect(parse(['data: complete\n\nevent: done\ndata: {"candidates": []}\n'])).toEqual([
      { event: 'message', data: 'complete', id: '' },
    ]);
    expect(parse(['event: done\ndata: {"candidates": []}'])).toEqual([]);
  });

  it('decodes a multi-byte character split across chunks', () => {
    const bytes = encoder.encode('data: 👋\n\n');
    expect(parse([bytes.slice(0, 7), bytes.slice(7)])).toEqual([
      { event: 'message', data: '👋', id: '' },
    ]);
  });

  it('drops a byte-order mark at the start of the stream only', () => {
    expect(parse(['\uFEFFdata: a\n\n'])[0]?.data).toBe('a');
    expect(parse([Uint8Array.of(0xef, 0xbb, 0xbf), 'data: a\n\n'])[0]?.data).toBe('a');
    expect(parse(['data: \uFEFFa\n\n'])[0]?.data).toBe('\uFEFFa');
  });

  it('handles many events in one chunk', () => {
    const text = Array.from({ length: 500 }, (_, i) => `event: delta\ndata: ${i}\n\n`).join('');
    const events = parse([text]);
    expect(events).toHaveLength(500);
    expect(events[499]).toEqual({ event: 'delta', data: '499', id: '' });
  });
});
