/**
 * The assistance the `wab-ai-field` controller adds below its field.
 *
 * Built with Wagtail's own button classes and icons, so themes, dark mode and
 * high contrast apply. The controller decides what to show; this module only
 * builds and updates the DOM:
 *
 * @example
 * <div class="wab-ai-field__assist">
 *   <div class="wab-ai-field__bar">
 *     <button type="button" class="button button-small button-secondary">✦ Generate</button>
 *     <span class="wab-ai-field__quota">7 of 10 AI requests left this hour</span>
 *     <details class="wab-offline-note">  (only when the offline model answers)
 *       <summary>Offline model — rough drafts</summary><p>For better answers…</p>
 *     </details>
 *   </div>
 *   <p class="wab-ai-field__status" role="status">3 suggestions</p>
 *   <p class="wab-ai-field__error" role="alert"></p>
 *   <div class="wab-ai-field__suggestions">
 *     <ol class="wab-ai-field__candidates">
 *       <li class="wab-ai-field__candidate">
 *         <p class="wab-ai-field__text">…</p>
 *         <span class="wab-ai-field__count">52 / 60 characters</span>
 *         <button type="button" aria-label="Use suggestion 1">Use</button>
 *       </li>
 *     </ol>
 *     <button type="button">Try again</button> <button type="button">Dismiss</button>
 *   </div>
 * </div>
 */

import type { OfflineNote } from '../api';
import { gettext, interpolate, ngettext } from '../i18n';

const ICON = 'ai-sparkle';

export interface ViewCallbacks {
  run(): void;
  /** One of the library's field prompts (`setPrompts`), by its index. */
  runPrompt(index: number): void;
  retry(): void;
  dismiss(): void;
  use(index: number): void;
}

/** One suggestion as shown: its text, its length and what it leaves out. */
export interface ShownCandidate {
  text: string;
  count: number;
  lostEntities: number;
}

export class AssistView {
  readonly root: HTMLElement;
  private readonly runButton: HTMLButtonElement;
  private readonly runLabel: HTMLElement;
  private promptButtons: HTMLButtonElement[] = [];
  /** The button that asked last: Escape and Dismiss give it the keyboard back. */
  private trigger: HTMLButtonElement;
  private readonly quota: HTMLElement;
  private readonly bar: HTMLElement;
  private offline: HTMLElement | null = null;
  private readonly status: HTMLElement;
  private readonly error: HTMLElement;
  private readonly suggestions: HTMLElement;
  private readonly list: HTMLOListElement;
  private readonly note: HTMLElement;
  private readonly retryButton: HTMLButtonElement;
  private busy = false;
  private runnable = true;
  /** What the status says once a request is over ("3 suggestions"). */
  private result = '';

  constructor(
    doc: Document,
    private readonly callbacks: ViewCallbacks,
  ) {
    const make = <K extends keyof HTMLElementTagNameMap>(
      tag: K,
      className: string,
      parent?: HTMLElement,
    ): HTMLElementTagNameMap[K] => {
      const element = doc.createElement(tag);
      element.className = className;
      parent?.append(element);
      return element;
    };

    this.root = make('div', 'wab-ai-field__assist');
    const bar = make('div', 'wab-ai-field__bar', this.root);
    this.bar = bar;
    this.runButton = button(doc, 'button button-small button-secondary wab-ai-field__run', bar);
    this.runButton.append(icon(doc, ICON));
    this.runLabel = make('span', '', this.runButton);
    // Never `disabled`: a disabled button drops the keyboard focus to <body>.
    // While it cannot run it says so (aria-disabled) and ignores clicks.
    this.runButton.addEventListener('click', () => {
      if (this.busy || !this.runnable) return;
      this.trigger = this.runButton;
      this.callbacks.run();
    });
    this.trigger = this.runButton;
    this.quota = make('span', 'wab-ai-field__quota', bar);

    this.status = make('p', 'wab-ai-field__status', this.root);
    this.status.setAttribute('role', 'status');
    this.error = make('p', 'wab-ai-field__error', this.root);
    this.error.setAttribute('role', 'alert');

    this.suggestions = make('div', 'wab-ai-field__suggestions', this.root);
    this.suggestions.hidden = true;
    this.list = make('ol', 'wab-ai-field__candidates', this.suggestions);
    this.list.setAttribute('aria-label', gettext('AI suggestions'));
    this.note = make('p', 'wab-ai-field__note', this.suggestions);
    const actions = make('div', 'wab-ai-field__actions', this.suggestions);
    this.retryButton = button(doc, 'button button-small button-secondary', actions);
    this.retryButton.textContent = gettext('Try again');
    this.retryButton.addEventListener('click', () => {
      if (!this.busy) this.callbacks.retry();
    });
    const dismiss = button(doc, 'button button-small button-secondary', actions);
    dismiss.textContent = gettext('Dismiss');
    dismiss.addEventListener('click', () => {
      this.close();
    });
    // Escape closes the list and gives the keyboard back to the run button.
    this.root.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape' || this.suggestions.hidden) return;
      event.preventDefault();
      event.stopPropagation();
      this.close();
    });
  }

  /** Dismiss the suggestions, the focus back on the button that asked if it was in the list. */
  private close(): void {
    const hadFocus = this.suggestions.contains(this.root.ownerDocument.activeElement);
    this.callbacks.dismiss();
    if (hadFocus) this.trigger.focus();
  }

  /** Whether the panel's own action (Generate / Improve) is offered: a hidden one is not. */
  setOwnAction(offered: boolean): void {
    this.runButton.hidden = !offered;
  }

  /** One button per library field prompt, after Generate / Improve. */
  setPrompts(labels: string[]): void {
    const doc = this.root.ownerDocument;
    for (const old of this.promptButtons) old.remove();
    this.promptButtons = labels.map((label, index) => {
      const prompt = doc.createElement('button');
      prompt.type = 'button';
      prompt.className =
        'button button-small button-secondary wab-ai-field__run wab-ai-field__prompt';
      prompt.append(icon(doc, ICON), label);
      prompt.addEventListener('click', () => {
        if (this.busy) return;
        this.trigger = prompt;
        this.callbacks.runPrompt(index);
      });
      return prompt;
    });
    this.quota.before(...this.promptButtons);
    this.updateButtons();
  }

  /** Whether there is anything to ask: the own action or a prompt. */
  get offersActions(): boolean {
    return !this.runButton.hidden || this.promptButtons.length > 0;
  }

  /** "Generate" or "Improve". */
  setRunLabel(label: string): void {
    this.runLabel.textContent = label;
  }

  /** Whether the run button can be used (besides while busy). */
  setRunnable(runnable: boolean): void {
    this.runnable = runnable;
    this.updateButtons();
  }

  private updateButtons(): void {
    setUnavailable(this.runButton, this.busy || !this.runnable);
    for (const prompt of this.promptButtons) setUnavailable(prompt, this.busy);
    setUnavailable(this.retryButton, this.busy);
  }

  setQuota(text: string): void {
    this.quota.textContent = text;
  }

  /** The "Offline model — rough drafts" disclosure beside the quota, or none. */
  setOfflineNote(note: OfflineNote | null): void {
    this.offline?.remove();
    this.offline = note ? offlineDisclosure(this.root.ownerDocument, note) : null;
    if (this.offline) this.bar.append(this.offline);
  }

  /**
   * While a request runs: the buttons say they are unavailable (keeping the
   * focus), and the status says what happens. Starting clears the last result's
   * message; finishing leaves it ("3 suggestions").
   */
  setBusy(busy: boolean): void {
    this.busy = busy;
    this.updateButtons();
    this.root.classList.toggle('wab-ai-field__assist--busy', busy);
    this.root.setAttribute('aria-busy', String(busy));
    if (busy) this.result = '';
    this.status.textContent = busy ? gettext('Asking the AI for suggestions…') : this.result;
  }

  showError(message: string): void {
    this.error.textContent = message;
  }

  clearError(): void {
    this.error.textContent = '';
  }

  /** Replace the list of suggestions; `hidden` of them did not fit the field. */
  showCandidates(candidates: ShownCandidate[], maxLength: number | null, hidden: number): void {
    const doc = this.root.ownerDocument;
    this.list.replaceChildren(
      ...candidates.map((candidate, index) => {
        const item = doc.createElement('li');
        item.className = 'wab-ai-field__candidate';
        const text = doc.createElement('p');
        text.className = 'wab-ai-field__text';
        text.textContent = candidate.text;
        const count = doc.createElement('span');
        count.className = 'wab-ai-field__count';
        count.textContent = formatCount(candidate.count, maxLength);
        item.append(text, count);
        if (candidate.lostEntities > 0) {
          const warning = doc.createElement('span');
          warning.className = 'wab-ai-field__warning';
          warning.textContent = interpolate(
            ngettext(
              'Leaves out %(count)s link or image of the current text',
              'Leaves out %(count)s links or images of the current text',
              candidate.lostEntities,
            ),
            { count: candidate.lostEntities },
          );
          item.append(warning);
        }
        const use = button(doc, 'button button-small wab-ai-field__use', item);
        use.textContent = gettext('Use');
        use.setAttribute(
          'aria-label',
          interpolate(gettext('Use suggestion %(number)s'), { number: index + 1 }),
        );
        use.addEventListener('click', () => {
          this.callbacks.use(index);
        });
        return item;
      }),
    );
    this.note.textContent =
      hidden > 0
        ? interpolate(
            ngettext(
              '%(count)s suggestion did not fit this field and is not shown.',
              '%(count)s suggestions did not fit this field and are not shown.',
              hidden,
            ),
            { count: hidden },
          )
        : '';
    this.note.hidden = hidden === 0;
    this.suggestions.hidden = false;
    this.result = interpolate(
      ngettext('%(count)s suggestion', '%(count)s suggestions', candidates.length),
      { count: candidates.length },
    );
    this.status.textContent = this.result;
    // The keyboard goes to the first suggestion, unless the editor has moved on
    // to another part of the page meanwhile.
    const active = doc.activeElement;
    if (!active || active === doc.body || this.root.contains(active)) {
      this.list.querySelector<HTMLButtonElement>('.wab-ai-field__use')?.focus();
    }
  }

  hideCandidates(): void {
    this.suggestions.hidden = true;
    this.list.replaceChildren();
    this.result = '';
    if (!this.busy) this.status.textContent = '';
  }

  get candidatesShown(): boolean {
    return !this.suggestions.hidden;
  }
}

/** "52 / 60 characters", or "52 characters" without a limit. */
export function formatCount(count: number, maxLength: number | null): string {
  if (maxLength) {
    return interpolate(
      ngettext('%(count)s / %(max)s character', '%(count)s / %(max)s characters', maxLength),
      { count, max: maxLength },
    );
  }
  return interpolate(ngettext('%(count)s character', '%(count)s characters', count), { count });
}

/** A native disclosure: keyboard and screen readers get it for free. */
export function offlineDisclosure(doc: Document, note: OfflineNote): HTMLDetailsElement {
  const details = doc.createElement('details');
  details.className = 'wab-offline-note';
  const summary = doc.createElement('summary');
  summary.textContent = note.label;
  details.append(summary);
  if (note.help) {
    const help = doc.createElement('p');
    help.textContent = note.help;
    details.append(help);
  }
  return details;
}

/** Unavailable but still focusable: `aria-disabled`, never `disabled`. */
function setUnavailable(element: HTMLButtonElement, unavailable: boolean): void {
  if (unavailable) element.setAttribute('aria-disabled', 'true');
  else element.removeAttribute('aria-disabled');
}

function button(doc: Document, className: string, parent: HTMLElement): HTMLButtonElement {
  const element = doc.createElement('button');
  element.type = 'button';
  element.className = className;
  parent.append(element);
  return element;
}

/** A Wagtail admin icon (`{% icon %}` in templates). */
function icon(doc: Document, name: string): SVGSVGElement {
  const svg = doc.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('class', `icon icon-${name}`);
  svg.setAttribute('aria-hidden', 'true');
  const use = doc.createElementNS('http://www.w3.org/2000/svg', 'use');
  use.setAttribute('href', `#icon-${name}`);
  svg.append(use);
  return svg;
}
