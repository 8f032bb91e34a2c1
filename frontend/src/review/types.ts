/**
 * Response of `POST <pages><id>/review`. Python: `PageReview.as_dict`
 * (`wagtail_ai_blocks/feedback/review.py`) and `Improvement.as_dict`
 * (`feedback/answer.py`). Change both in the same commit.
 */

import type { RawDraftContentState } from 'draft-js';

import { isObject } from '../api/guards';
import type { Quota } from '../api/types';

/** The action's id in `config.actions` (Python: `REVIEW_ACTION_ID`). */
export const REVIEW_ACTION_ID = 'review_page';

export type ReviewScore = 'needs_work' | 'adequate' | 'excellent';

export interface ReviewImprovement {
  /** Copied from the page by the model; the server checked it is there. */
  original: string;
  suggested: string;
  why: string;
  /** The input name of the field that holds `original` (`body`, `sections-2-value`). */
  field: string;
  /** What the editor calls that field ("Sections › Tip › Text"). */
  label: string;
  format: 'text' | 'html';
  /** For rich text: `suggested` as Draft.js raw content, the original's formatting kept. */
  contentstate: RawDraftContentState | null;
}

export interface ReviewAnswer {
  score: ReviewScore;
  observations: string[];
  improvements: ReviewImprovement[];
  /** Only the start of a long page was reviewed. */
  truncated: boolean;
  backend: string;
  model: string;
  cache: string;
  quota?: Quota;
}

const SCORES: readonly string[] = ['needs_work', 'adequate', 'excellent'];

function isImprovement(value: unknown): value is ReviewImprovement {
  return (
    isObject(value) &&
    ['original', 'suggested', 'why', 'field', 'label'].every(
      (key) => typeof value[key] === 'string',
    ) &&
    (value.format === 'text' || value.format === 'html') &&
    (value.contentstate === null || isObject(value.contentstate))
  );
}

export function isReviewAnswer(
  value: Record<string, unknown>,
): value is ReviewAnswer & Record<string, unknown> {
  return (
    typeof value.score === 'string' &&
    SCORES.includes(value.score) &&
    Array.isArray(value.observations) &&
    value.observations.every((item) => typeof item === 'string') &&
    Array.isArray(value.improvements) &&
    value.improvements.every(isImprovement)
  );
}
