/**
 * The `related` bundle: "Suggest related pages", loaded by the
 * `wab-related-pages` controller (page bundle) on the first click, so page
 * editors that never ask for suggestions do not download it.
 */

import type { RelatedBundle } from '../related/related_controller';
import { RelatedSuggestions } from '../related/suggest';

window.wagtailAIBlocksRelated ??= { RelatedSuggestions } satisfies RelatedBundle;
