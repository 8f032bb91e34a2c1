/**
 * The `review` bundle: "Review with AI" in the Checks panel, loaded by the
 * `wab-review` controller (page bundle) on the first click, so page editors
 * that never ask for a review do not download it.
 */

import type { ReviewBundle } from '../review/review_controller';
import { runReview } from '../review/run';

window.wagtailAIBlocksReview ??= { runReview } satisfies ReviewBundle;
