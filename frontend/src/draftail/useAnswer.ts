import { useCallback, useEffect, useMemo, useRef, useState } from 'react';

import type { ClientConfig, GenerateRequest, Quota } from '../api/types';
import { requestAnswer, type AnswerRun, type AnswerState } from './answer';

export interface UseAnswer {
  state: AnswerState | null;
  /** Start a request (stopping any earlier one, whose late events are ignored). */
  start: (request: GenerateRequest) => void;
  stop: () => void;
  /** Stop and forget the answer. */
  reset: () => void;
}

/** The answer being streamed for one editor, as React state. */
export function useAnswer(config: ClientConfig | null, onQuota: (quota: Quota) => void): UseAnswer {
  const [state, setState] = useState<AnswerState | null>(null);
  const run = useRef<AnswerRun | null>(null);
  const generation = useRef(0);

  const stop = useCallback(() => {
    run.current?.stop();
  }, []);

  const reset = useCallback(() => {
    run.current?.stop();
    run.current = null;
    generation.current++;
    setState(null);
  }, []);

  const start = useCallback(
    (request: GenerateRequest) => {
      if (!config) return;
      run.current?.stop();
      const id = ++generation.current;
      run.current = requestAnswer({
        config,
        request,
        onQuota,
        onChange: (next) => {
          if (generation.current === id) setState(next);
        },
      });
    },
    [config, onQuota],
  );

  useEffect(() => () => run.current?.stop(), []);

  return useMemo(() => ({ state, start, stop, reset }), [state, start, stop, reset]);
}
