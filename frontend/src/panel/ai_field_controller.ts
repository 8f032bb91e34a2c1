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

import { formatQuota, offlineNote, readConfig, type ClientConfig, type TextFormat } from '../api';
import { loadBundle } from '../editor/lazy';
import { pageQuota, type QuotaState } from '../editor/quota';
import { gettext, loadTranslations } from '../i18n';
import { pageInfo } from '../editor/context';
import { fieldKind, hasText, type FieldKind } from './field_kind';
import { CONTROLLER, type Labels, type Mode, type PageInfo, type PanelOptions } from './options';
import { panelActions } from './prompts';
import type { PanelHost, PanelSession } from './session';
import { AssistView } from './view';
import type { ActionInfo } from '../draftail/actions';

/** What the `panel_session` bundle puts on `window`. */
export interface PanelSessionBundle {
  PanelSession: new (host: PanelHost) => PanelSession;
}

declare global {
  interface Window {
    wagtailAIBlocksPanelSession?: PanelSessionBundle;
  }
}

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
  /** The panel's work (`./session.ts`): loading on first use, then loaded. */
  private session: Promise<PanelSession> | null = null;
  private loaded: PanelSession | null = null;
  /** The library's field prompts this panel offers (`./prompts.ts`). */
  private prompts: ActionInfo[] = [];
  private stopQuota: (() => void) | null = null;

  override connect(): void {
    let config: ClientConfig;
    try {
      config = readConfig(this.element.ownerDocument);
    } catch {
      // No (valid) config: the page was not rendered for AI assistance.
      return;
    }
    if (!this.kind()) return;
    this.connected = true;
    // Our labels are translated by our own catalog, loaded on demand.
    void loadTranslations(config.urls.jsi18n).then(() => {
      if (this.connected && !this.view) this.build(config);
    });
  }

  private build(config: ClientConfig): void {
    this.config = config;
    this.view = new AssistView(this.element.ownerDocument, {
      run: () => void this.work((session) => session.ask(false, null)),
      runPrompt: (index) =>
        void this.work((session) => session.ask(false, this.prompts[index] ?? null)),
      retry: () => void this.work((session) => session.retry()),
      dismiss: () =>
        void this.work((session) => {
          session.dismiss();
        }),
      use: (index) =>
        void this.work((session) => {
          session.use(index);
        }),
    });
    this.view.setOfflineNote(offlineNote(config));
    const offered = panelActions(config, {
      action: this.actionValue,
      field: this.fieldValue,
      pageType: pageInfo(this.pageValue, config).type,
      format: this.kind() === 'rich' ? 'html' : this.formatValue,
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
    this.loaded?.abort();
    this.loaded = null;
    this.session = null;
    this.element.removeEventListener('input', this.onEdit);
    this.element.removeEventListener('change', this.onEdit);
    this.stopQuota?.();
    this.stopQuota = null;
    this.element.classList.remove(`${CONTROLLER}--ready`);
    this.view?.root.remove();
    this.view = null;
  }

  /** The field's input; targets of AI fields nested inside this one are not ours. */
  private input(): HTMLElement | undefined {
    return this.inputTargets.find(
      (target) => target.closest(`[data-controller~="${CONTROLLER}"]`) === this.element,
    );
  }

  /** What kind of field this panel fills; null when it cannot fill its input. */
  private kind(): FieldKind | null {
    const input = this.input();
    return input ? fieldKind(input, this.formatValue) : null;
  }

  /**
   * Run `task` on the panel's session, loading its code on first use (the
   * panel shows itself busy meanwhile). A failed load says so in the panel and
   * is tried again on the next click; the field is untouched.
   */
  private async work(task: (session: PanelSession) => unknown): Promise<void> {
    const { config, view } = this;
    if (!config || !view) return;
    let session = this.loaded;
    if (!session) {
      view.clearError();
      view.setBusy(true);
      try {
        session = await this.load(config, view);
      } catch {
        // The browser's console names the script that failed.
        view.showError(gettext('The AI tools could not be loaded. Reload the page and try again.'));
        return;
      } finally {
        view.setBusy(false);
      }
      if (this.view !== view) return;
    }
    await task(session);
  }

  private load(config: ClientConfig, view: AssistView): Promise<PanelSession> {
    this.session ??= this.startSession(config, view).then(
      (session) => {
        // Not for a view that has gone meanwhile (disconnected, rebuilt).
        if (this.view === view) this.loaded = session;
        return session;
      },
      (error: unknown) => {
        this.session = null;
        throw error;
      },
    );
    return this.session;
  }

  private async startSession(config: ClientConfig, view: AssistView): Promise<PanelSession> {
    const url = config.urls.panel_session;
    if (!url) throw new Error('The client config has no panel_session URL.');
    const bundle = await loadBundle(url, () => window.wagtailAIBlocksPanelSession);
    const host: PanelHost = {
      element: this.element,
      config,
      view,
      options: () => this.options(),
      input: () => this.input(),
      onQuota: (quota) => {
        pageQuota(config).update(quota);
      },
      onUsed: (text) => {
        this.updateRunButton();
        this.dispatch('used', { detail: { text } });
      },
    };
    return new bundle.PanelSession(host);
  }

  private options(): PanelOptions {
    return {
      action: this.actionValue,
      field: this.fieldValue,
      format: this.formatValue,
      mode: this.modeValue,
      maxLength: this.maxLengthValue,
      candidates: this.candidatesValue,
      contextFields: this.contextFieldsValue,
      features: this.hasFeaturesValue ? this.featuresValue : null,
      page: this.pageValue,
      image: this.imageValue,
      imageField: this.imageFieldValue,
    };
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
    const input = this.input();
    const kind = this.kind();
    if (!input || !kind || !this.view) return;
    const filled = hasText(input, kind);
    const labels = this.labelsValue;
    this.view.setRunLabel(
      filled ? (labels.improve ?? gettext('Improve')) : (labels.generate ?? gettext('Generate')),
    );
    // A rewrite action needs text to work on.
    this.view.setRunnable(filled || this.modeValue !== 'rewrite');
  }
}
