/**
 * One timeout and one message for every AI request an editor waits for: the
 * toolbar's stream and the field panels' answers.
 */

import { gettext } from '../i18n';

/** Longer than any provider timeout the server applies, so the server's own message wins. */
export const REQUEST_TIMEOUT_MS = 120_000;

/** What the editor is told when no answer came in time. */
export const timeoutMessage = (): string =>
  gettext('The AI service took too long to answer. Try again.');

/** A request's abort signal that also fires by itself after `ms`; `timedOut` tells the two apart. */
export class TimedRequest {
  private readonly controller = new AbortController();
  private readonly timer: ReturnType<typeof setTimeout>;
  timedOut = false;

  constructor(ms: number = REQUEST_TIMEOUT_MS) {
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort();
    }, ms);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Stop the request (the editor's Stop, a newer request): not a timeout. */
  abort(): void {
    this.clear();
    this.controller.abort();
  }

  /** The request ended: the timer has nothing left to stop. */
  clear(): void {
    clearTimeout(this.timer);
  }
}
