/**
 * One request for an answer, streamed: its states from the first delta to the
 * final candidate, a stop button's abort, and a time limit.
 *
 * Errors become a message for the editor (`failed`); stopping becomes
 * `stopped`. Only `done` carries content to apply, and that content is the
 * server's sanitised `contentstate`, never the streamed text.
 */

import type { RawDraftContentState } from 'draft-js';

import { AIRequestError, retryHint, stream as streamAnswer } from '../api';
import { isObject } from '../api/guards';
import type { Candidate, ClientConfig, GenerateRequest, Quota } from '../api/types';
import { REQUEST_TIMEOUT_MS, TimedRequest, timeoutMessage } from '../editor/timed';
import { gettext } from '../i18n';
import { visibleText } from './streamText';

export type AnswerState =
  | { status: 'streaming'; text: string }
  | {
      status: 'done';
      /** The answer's visible text, one line per block (as the diff wants it). */
      text: string;
      candidate: Candidate;
      contentstate: RawDraftContentState;
    }
  | { status: 'stopped'; text: string }
  | {
      status: 'failed';
      text: string;
      message: string;
      /** "Try again in 3 minutes", when waiting is what helps. */
      retryHint: string | null;
      code: string;
    };

export interface AnswerOptions {
  config: ClientConfig;
  request: GenerateRequest;
  onChange: (state: AnswerState) => void;
  /** Called with the caller's allowance after a successful answer. */
  onQuota?: (quota: Quota) => void;
  /** Abort and report a timeout after this long (ms). */
  timeoutMs?: number;
  /** The streaming client (a stand-in in tests). */
  stream?: typeof streamAnswer;
}

export interface AnswerRun {
  /** Abort the request; the server then closes the provider's stream. */
  stop(): void;
  /** Settles with the final state (never rejects). */
  finished: Promise<AnswerState>;
}

export function isRawContentState(value: unknown): value is RawDraftContentState {
  return isObject(value) && Array.isArray(value.blocks) && isObject(value.entityMap);
}

/** Visible text of raw content: one line per text block. */
export function answerText(raw: RawDraftContentState): string {
  return raw.blocks
    .filter((block) => block.type !== 'atomic')
    .map((block) => block.text)
    .join('\n');
}

/** The editor-facing message for a failed request. */
export function failureOf(
  error: unknown,
  text: string,
): Extract<AnswerState, { status: 'failed' }> {
  if (error instanceof AIRequestError) {
    return {
      status: 'failed',
      text,
      message: error.message,
      retryHint: retryHint(error),
      code: error.code,
    };
  }
  return {
    status: 'failed',
    text,
    message: gettext('Something went wrong. Try again.'),
    retryHint: null,
    code: 'unexpected',
  };
}

/** Start streaming an answer; `onChange` sees every state. */
export function requestAnswer({
  config,
  request,
  onChange,
  onQuota,
  timeoutMs = REQUEST_TIMEOUT_MS,
  stream = streamAnswer,
}: AnswerOptions): AnswerRun {
  const timed = new TimedRequest(timeoutMs);
  let text = '';
  let settled = false;

  const report = (state: AnswerState): AnswerState => {
    if (!settled) onChange(state);
    return state;
  };

  const run = async (): Promise<AnswerState> => {
    report({ status: 'streaming', text });
    try {
      const done = await stream(config, request, {
        signal: timed.signal,
        onDelta: (soFar) => {
          text = visibleText(soFar);
          report({ status: 'streaming', text });
        },
      });
      onQuota?.(done.quota);
      const candidate = done.candidates[0];
      if (!candidate || !isRawContentState(candidate.contentstate)) {
        return report({
          status: 'failed',
          text,
          message: gettext('The AI answer could not be used in this field. Try again.'),
          retryHint: null,
          code: 'invalid_answer',
        });
      }
      const contentstate = candidate.contentstate;
      return report({ status: 'done', text: answerText(contentstate), candidate, contentstate });
    } catch (error) {
      if (error instanceof AIRequestError && error.aborted) {
        if (timed.timedOut) {
          return report({
            status: 'failed',
            text,
            message: timeoutMessage(),
            retryHint: null,
            code: 'timeout',
          });
        }
        return report({ status: 'stopped', text });
      }
      return report(failureOf(error, text));
    } finally {
      timed.clear();
      settled = true;
    }
  };

  return {
    stop: () => {
      timed.abort();
    },
    finished: run(),
  };
}
