/**
 * The review as the editor reads it in the Checks panel: the score, the
 * observations, and each improvement with its field, the original and the
 * suggested text (changed words marked), why, and "Show" / "Apply".
 *
 * Plain DOM with Wagtail's button classes; colours come from Wagtail's CSS
 * variables (`styles/page.css`), so dark mode, high contrast and RTL follow.
 */

import type { OfflineNote } from '../api';
import { wordDiff } from '../draftail/diff';
import { gettext, interpolate, ngettext } from '../i18n';
import { offlineDisclosure } from '../panel/view';
import type { ReviewAnswer, ReviewImprovement, ReviewScore } from './types';

export interface ImprovementHandlers {
  show(improvement: ReviewImprovement, outcome: HTMLElement): void;
  apply(improvement: ReviewImprovement, outcome: HTMLElement, button: HTMLButtonElement): void;
}

function scoreLabel(score: ReviewScore): string {
  if (score === 'needs_work') return gettext('Needs work');
  if (score === 'excellent') return gettext('Excellent');
  return gettext('Adequate');
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string,
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.append(...children);
  return node;
}

/** `text` with the words that differ from `other` in `<del>` (original) or `<ins>` (suggestion). */
function diffText(before: string, after: string, side: 'delete' | 'insert'): Node[] {
  return wordDiff(before, after)
    .filter((part) => part.type === 'equal' || part.type === side)
    .map((part) =>
      part.type === 'equal'
        ? document.createTextNode(part.text)
        : element(side === 'delete' ? 'del' : 'ins', '', part.text),
    );
}

function improvementItem(
  improvement: ReviewImprovement,
  index: number,
  handlers: ImprovementHandlers,
): HTMLLIElement {
  const labelId = `wab-review-field-${String(index)}`;
  const show = element('button', 'button button-small button-secondary', gettext('Show'));
  const apply = element('button', 'button button-small', gettext('Apply'));
  show.type = 'button';
  apply.type = 'button';
  show.setAttribute('aria-describedby', labelId);
  apply.setAttribute('aria-describedby', labelId);
  const outcome = element('p', 'wab-review__outcome');
  outcome.setAttribute('role', 'status');
  show.addEventListener('click', () => {
    handlers.show(improvement, outcome);
  });
  apply.addEventListener('click', () => {
    handlers.apply(improvement, outcome, apply);
  });

  const field = element('p', 'wab-review__field', improvement.label);
  field.id = labelId;
  const item = element(
    'li',
    'wab-review__improvement',
    field,
    element(
      'p',
      'wab-review__original',
      element('span', 'wab-review__tag', gettext('Original')),
      element('br', ''),
      ...diffText(improvement.original, improvement.suggested, 'delete'),
    ),
    element(
      'p',
      'wab-review__suggested',
      element('span', 'wab-review__tag', gettext('Suggested')),
      element('br', ''),
      ...diffText(improvement.original, improvement.suggested, 'insert'),
    ),
    element(
      'p',
      'wab-review__why',
      element('span', 'wab-review__tag', gettext('Why')),
      element('br', ''),
      improvement.why,
    ),
    element('div', 'wab-review__actions', show, apply),
    outcome,
  );
  item.setAttribute('aria-labelledby', labelId);
  return item;
}

/**
 * The review's content, to put in the panel's result area; `offline` is the
 * "Offline model — rough drafts" note when the small embedded model answered.
 */
export function renderReview(
  answer: ReviewAnswer,
  handlers: ImprovementHandlers,
  offline: OfflineNote | null = null,
): Node[] {
  const nodes: Node[] = [];
  const label = scoreLabel(answer.score);
  nodes.push(
    element(
      'p',
      `wab-review__score wab-review__score--${answer.score}`,
      gettext('Score:'),
      ' ',
      element('strong', '', label),
    ),
  );
  if (offline) nodes.push(offlineDisclosure(document, offline));
  nodes.push(element('h3', 'wab-review__heading', gettext('Observations')));
  nodes.push(
    element(
      'ul',
      'wab-review__observations',
      ...answer.observations.map((text) => element('li', '', text)),
    ),
  );
  nodes.push(element('h3', 'wab-review__heading', gettext('Improvements')));
  if (answer.improvements.length === 0) {
    nodes.push(
      element('p', 'wab-review__note', gettext('No specific changes to suggest for this page.')),
    );
  } else {
    nodes.push(
      element(
        'ol',
        'wab-review__improvements',
        ...answer.improvements.map((item, index) => improvementItem(item, index, handlers)),
      ),
    );
  }
  const notes = [
    interpolate(gettext('Reviewed by %(model)s.'), { model: answer.model || answer.backend }),
  ];
  if (answer.truncated) {
    notes.push(gettext('The page is long: only its beginning was reviewed.'));
  }
  nodes.push(element('p', 'wab-review__note', notes.join(' ')));
  return nodes;
}

/** What the status line says once the review is shown. */
export function reviewSummary(answer: ReviewAnswer): string {
  const count = answer.improvements.length;
  return interpolate(
    ngettext(
      'Review ready. Score: %(score)s. %(count)s improvement.',
      'Review ready. Score: %(score)s. %(count)s improvements.',
      count,
    ),
    { score: scoreLabel(answer.score), count },
  );
}
