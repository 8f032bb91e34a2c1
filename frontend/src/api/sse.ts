/**
 * An incremental parser for `text/event-stream` (Server-Sent Events).
 *
 * Follows the WHATWG "event stream interpretation" rules, so it accepts any
 * chunking of the bytes: events and lines split across chunks, multi-byte
 * characters split across chunks, `\n`, `\r\n` and `\r` line endings,
 * multi-line `data:`, and comment lines (`: ping`), which are skipped.
 * It knows nothing about fetch; `client.ts` feeds it what the reader yields.
 */

export interface ServerSentEvent {
  /** The `event:` field; `"message"` when the server sent none. */
  event: string;
  /** All `data:` lines of the event joined with `\n`. */
  data: string;
  /** The last `id:` seen on the stream so far (it persists across events). */
  id: string;
}

const LF = 0x0a;
const CR = 0x0d;

export class SSEParser {
  private readonly decoder = new TextDecoder('utf-8');
  /** Text after the last complete line. */
  private buffer = '';
  /** How much of `buffer` has already been searched for a line ending. */
  private scanned = 0;
  private atStart = true;
  private eventType = '';
  private data: string[] = [];
  private lastEventId = '';

  /** Parse the next chunk; returns the events it completed (possibly none). */
  feed(chunk: Uint8Array | string): ServerSentEvent[] {
    const text = typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    return this.consume(text, false);
  }

  /**
   * Signal the end of the stream. An event still missing its blank line is
   * discarded, as the specification requires: the server did not finish it.
   */
  end(): ServerSentEvent[] {
    const events = this.consume(this.decoder.decode(), true);
    this.buffer = '';
    this.scanned = 0;
    this.eventType = '';
    this.data = [];
    return events;
  }

  private consume(text: string, final: boolean): ServerSentEvent[] {
    let buffer = this.buffer + text;
    if (this.atStart && buffer.length > 0) {
      // TextDecoder already drops a byte-order mark; string chunks may still carry one.
      if (buffer.charCodeAt(0) === 0xfeff) buffer = buffer.slice(1);
      this.atStart = false;
    }

    const events: ServerSentEvent[] = [];
    let lineStart = 0;
    let i = this.scanned;
    for (; i < buffer.length; i++) {
      const char = buffer.charCodeAt(i);
      if (char !== LF && char !== CR) continue;
      // A `\r` at the very end may be the first half of a `\r\n` split across chunks.
      if (char === CR && i === buffer.length - 1 && !final) break;

      const event = this.processLine(buffer.slice(lineStart, i));
      if (event) events.push(event);
      if (char === CR && buffer.charCodeAt(i + 1) === LF) i++;
      lineStart = i + 1;
    }
    this.buffer = buffer.slice(lineStart);
    this.scanned = i - lineStart;
    return events;
  }

  private processLine(line: string): ServerSentEvent | null {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return null;

    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);

    switch (field) {
      case 'event':
        this.eventType = value;
        break;
      case 'data':
        this.data.push(value);
        break;
      case 'id':
        if (!value.includes('\0')) this.lastEventId = value;
        break;
      default:
      // `retry` and unknown fields are ignored: a POST stream is never reconnected.
    }
    return null;
  }

  private dispatch(): ServerSentEvent | null {
    const data = this.data;
    const event = {
      event: this.eventType || 'message',
      data: data.join('\n'),
      id: this.lastEventId,
    };
    this.eventType = '';
    this.data = [];
    // An event without data lines is not dispatched; its fields are just reset.
    return data.length > 0 ? event : null;
  }
}
