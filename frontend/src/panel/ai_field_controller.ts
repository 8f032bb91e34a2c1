/**
 * `wab-ai-field`: AI suggestions for one form field.
 *
 * "Generate" when the field is empty, "Improve" when it has text; the answer
 * is a list of suggestions, each with its length against the field's limit
 * (suggestions that do not fit are never offered), with Use / Try again /
 * Dismiss. Using one fills the field as one undo step and fires `input` and
 * `change`, so Wagtail's unsaved-changes warning, character counts and live
 * preview follow. A failed request changes nothing: the field and the
 * suggestions already shown stay as they were.
 *
 * Panels (`AIPanel`) render the element; AI StreamField blocks set the same
 * attributes on the block (`frontend/src/blocks/`). Options: `./options.ts`.
 * Dispatches `wab-ai-field:used` (detail: `{text}`) when a suggestion is used.
 *
 * @example
 * <div data-controller="wab-ai-field"
 *      data-wab-ai-field-action-value="seo_title"
 *      data-wab-ai-field-field-value="seo_title"
 *      data-wab-ai-field-format-value="text"
 *      data-wab-ai-field-mode-value="field"
 *      data-wab-ai-field-max-length-value="60"
 *      data-wab-ai-field-candidates-value="3"
 *      data-wab-ai-field-context-fields-value='["title", "intro", "body"]'
 *      data-wab-ai-field-page-value='{"titleField": "title", "type": "Blog page", "locale": "en"}'
 *      data-wab-ai-field-labels-value='{"generate": "Generate", "improve": "Improve"}'>
 *   <input type="text" name="seo_title" maxlength="255" data-wab-ai-field-target="input">
 * </div>
 */

import { Controller } from '@hotwired/stimulus';

import {
  AIRequestError,
  errorMessage,
  formatQuota,
  generate,
  offlineNote,
  readConfig,
  type Candidate,
  type ClientConfig,
  type RequestContext,
  type TextFormat,
} from '../api';
import type { ActionInfo } from '../draftail/actions';
import { pageQuota, type QuotaState } from '../editor/quota';
import { TimedRequest, timeoutMessage } from '../editor/timed';
import { gettext, loadTranslations } from '../i18n';
import { fieldText, neighbours, pageContext, pageInfo } from '../editor/context';
import { fieldValue, type FieldValue } from './field_value';
import { CONTROLLER, type Labels, type Mode, type PageInfo } from './options';
import { panelActions } from './prompts';
import { buildRequest } from './request';
import { AssistView } from './view';

export class AIFieldController extends Controller<HTMLElement> {
  static override values = {
    action: String,
    field: String,
    format: { type: String, default: 'text' },
    mode: { type: String, default: 'field' },
    maxLength: Number,
    candidates: { type: Number, default: 3 },
    contextFields: Array,
    features: Array,
    page: Object,
    labels: Object,
    image: Number,
    imageField: String,
  };

  static override targets = ['input'];

  declare readonly actionValue: string;
  declare readonly fieldValue: string;
  declare readonly formatValue: TextFormat;
  declare readonly modeValue: Mode;
  declare readonly maxLengthValue: number;
  declare readonly candidatesValue: number;
  declare readonly contextFieldsValue: string[];
  declare readonly featuresValue: string[];
  declare readonly hasFeaturesValue: boolean;
  declare readonly pageValue: PageInfo;
  declare readonly labelsValue: Labels;
  declare readonly imageValue: number;
  declare readonly imageFieldValue: string;
  declare readonly inputTargets: HTMLElement[];

  private connected = false;
  private config: ClientConfig | null = null;
  private view: AssistView | null = null;
  private request: TimedRequest | null = null;
  private shown: Candidate[] = [];
  /** The library's field prompts this panel offers (`./prompts.ts`). */
  private prompts: ActionInfo[] = [];
  /** What the last request asked: the own action (null) or a prompt; Try again asks it again. */
  private asked: ActionInfo | null = null;
  private stopQuota: (() => void) | null = null;

  override connect(): void {
    let config: ClientConfig;
    try {
      config = readConfig(this.element.ownerDocument);
    } catch {
      // No (valid) config: the page was not rendered for AI assistance.
      return;
    }
    if (!this.field()) return;
    this.connected = true;
    // Our labels are translated by our own catalog, loaded on demand.
    void loadTranslations(config.urls.jsi18n).then(() => {
      if (this.connected && !this.view) this.build(config);
    });
  }

  private build(config: ClientConfig): void {
    this.config = config;
    this.view = new AssistView(this.element.ownerDocument, {
      run: () => void this.ask(false, null),
      runPrompt: (index) => void this.ask(false, this.prompts[index] ?? null),
      retry: () => void this.ask(true, this.asked),
      dismiss: () => {
        this.dismiss();
      },
      use: (index) => {
        this.use(index);
      },
    });
    this.view.setOfflineNote(offlineNote(config));
    const offered = panelActions(config, {
      action: this.actionValue,
      field: this.fieldValue,
      pageType: pageInfo(this.pageValue, config).type,
      format: this.field()?.richText ? 'html' : this.formatValue,
    });
    this.prompts = offered.prompts;
    this.view.setOwnAction(offered.own);
    this.view.setPrompts(offered.prompts.map((prompt) => prompt.label));
    // Nothing to ask (the site hides this field's action): the plain field.
    this.view.root.hidden = !this.view.offersActions;
    this.element.append(this.view.root);
    this.element.classList.add(`${CONTROLLER}--ready`);
    this.element.addEventListener('input', this.onEdit);
    this.element.addEventListener('change', this.onEdit);
    this.updateRunButton();
    const quota = pageQuota(config);
    this.stopQuota = quota.subscribe(this.applyQuota);
    this.applyQuota(quota.current);
    void quota.refresh();
  }

  override disconnect(): void {
    this.connected = false;
    this.request?.abort();
    this.request = null;
    this.element.removeEventListener('input', this.onEdit);
    this.element.removeEventListener('change', this.onEdit);
    this.stopQuota?.();
    this.stopQuota = null;
    this.element.classList.remove(`${CONTROLLER}--ready`);
    this.view?.root.remove();
    this.view = null;
    this.shown = [];
  }

  /** The field's input; targets of AI fields nested inside this one are not ours. */
  private input(): HTMLElement | undefined {
    return this.inputTargets.find(
      (target) => target.closest(`[data-controller~="${CONTROLLER}"]`) === this.element,
    );
  }

  private field(): FieldValue | null {
    const input = this.input();
    return input ? fieldValue(input, this.formatValue) : null;
  }

  private readonly onEdit = (): void => {
    // Draftail updates its hidden input a moment after the keystroke.
    window.setTimeout(() => {
      this.updateRunButton();
    }, 0);
  };

  private readonly applyQuota = (state: QuotaState): void => {
    if (!this.view) return;
    if (state.status === 'forbidden') {
      // The editor may not use AI: show the plain field.
      this.view.root.hidden = true;
      return;
    }
    this.view.setQuota(state.status === 'ready' ? formatQuota(state.quota) : '');
  };

  private updateRunButton(): void {
    const field = this.field();
    if (!field || !this.view) return;
    const hasText = field.text().trim() !== '';
    const labels = this.labelsValue;
    this.view.setRunLabel(
      hasText ? (labels.improve ?? gettext('Improve')) : (labels.generate ?? gettext('Generate')),
    );
    // A rewrite action needs text to work on.
    this.view.setRunnable(hasText || this.modeValue !== 'rewrite');
  }

  private async ask(refresh: boolean, prompt: ActionInfo | null): Promise<void> {
    const field = this.field();
    const { config, view } = this;
    if (!field || !config || !view) return;
    this.asked = prompt;

    this.request?.abort();
    const request = new TimedRequest();
    this.request = request;
    view.clearError();
    view.setBusy(true);
    try {
      const answer = await generate(config, this.buildRequest(field, refresh, prompt), {
        signal: request.signal,
      });
      pageQuota(config).update(answer.quota);
      this.offer(answer.candidates, field);
    } catch (error) {
      if (request.timedOut) {
        view.showError(timeoutMessage());
      } else if (!(error instanceof AIRequestError && error.aborted)) {
        view.showError(errorMessage(error));
      }
    } finally {
      request.clear();
      if (this.request === request) {
        this.request = null;
        view.setBusy(false);
      }
    }
  }

  private buildRequest(field: FieldValue, refresh: boolean, prompt: ActionInfo | null) {
    const form = this.element.closest('form');
    const page = pageInfo(this.pageValue, this.config);
    const context: RequestContext = pageContext(page, form);
    const fields: Record<string, string> = {};
    const ownName = this.input()?.getAttribute('name') ?? '';
    for (const name of this.contextFieldsValue) {
      if (!form || name === this.fieldValue || name === page.titleField) continue;
      const text = fieldText(form, name, ownName);
      if (text) fields[name] = text;
    }
    if (Object.keys(fields).length > 0) context.fields = fields;

    if (prompt) {
      // A library field prompt: a field action of its own, on the field's text.
      return buildRequest({
        mode: 'field',
        action: prompt.id,
        params: { prompt_id: prompt.prompt_id },
        format: field.richText ? 'html' : this.formatValue,
        source: field.source(),
        fieldName: this.fieldValue,
        maxLength: this.maxLengthValue || null,
        features: this.hasFeaturesValue ? this.featuresValue : null,
        candidates: prompt.candidates || this.candidatesValue,
        context,
        refresh,
      });
    }
    return buildRequest({
      mode: this.modeValue,
      action: this.actionValue,
      format: field.richText ? 'html' : this.formatValue,
      source: field.source(),
      fieldName: this.fieldValue,
      maxLength: this.maxLengthValue || null,
      features: this.hasFeaturesValue ? this.featuresValue : null,
      candidates: this.candidatesValue,
      context,
      // Any field in a StreamField (a heading, an image's alt text, a section) sees the
      // blocks around it; outside one there are none.
      neighbours: neighbours(this.element),
      refresh,
      image: this.imageValue || this.chosenImage(form, ownName),
    });
  }

  /**
   * The image chosen in the sibling field named `imageField` (`AIImageBlock`: the alt
   * text's own name with its last part replaced, `body-0-value-alt_text` → `…-image`).
   */
  private chosenImage(form: HTMLFormElement | null, ownName: string): number {
    if (!this.imageFieldValue || !form || !ownName.endsWith(this.fieldValue)) return 0;
    const name = ownName.slice(0, ownName.length - this.fieldValue.length) + this.imageFieldValue;
    const input = form.elements.namedItem(name);
    const value = input instanceof HTMLInputElement ? Number(input.value) : 0;
    return Number.isInteger(value) && value > 0 ? value : 0;
  }

  /** Show the suggestions that fit the field; if none does, keep what was shown. */
  private offer(candidates: Candidate[], field: FieldValue): void {
    const view = this.view;
    if (!view) return;
    const maxLength = this.maxLengthValue || null;
    const fits = candidates.filter(
      (candidate) =>
        candidate.text.trim() !== '' &&
        (maxLength === null || candidate.length <= maxLength) &&
        field.accepts(candidate.text),
    );
    if (fits.length === 0) {
      view.showError(gettext('None of the suggestions fit this field. Try again.'));
      return;
    }
    this.shown = fits;
    view.showCandidates(
      fits.map((candidate) => ({
        text: candidate.text,
        count: candidate.length,
        lostEntities: candidate.lost_entities?.length ?? 0,
      })),
      maxLength,
      candidates.length - fits.length,
    );
  }

  private use(index: number): void {
    const candidate = this.shown[index];
    const field = this.field();
    if (!candidate || !field) return;
    field.replace(candidate);
    this.dismiss();
    this.updateRunButton();
    this.dispatch('used', { detail: { text: candidate.text } });
  }

  private dismiss(): void {
    this.shown = [];
    this.view?.hideCandidates();
    this.view?.clearError();
  }
}
