/**
 * The work of one `wab-ai-field` panel: asking the model, offering the
 * suggestions that fit the field, and putting the chosen one in. The `panel`
 * bundle's controller (`./ai_field_controller.ts`) loads it on the panel's
 * first use (the `panel_session` bundle), so editors that never ask do not
 * download it; the controller keeps the view, the quota and the field's label.
 */

import {
  AIRequestError,
  errorMessage,
  generate,
  type Candidate,
  type ClientConfig,
  type Quota,
  type RequestContext,
} from '../api';
import type { ActionInfo } from '../draftail/actions';
import { fieldText, neighbours, pageContext, pageInfo } from '../editor/context';
import { TimedRequest, timeoutMessage } from '../editor/timed';
import { gettext } from '../i18n';
import { fieldValue, type FieldValue } from './field_value';
import type { PanelOptions } from './options';
import { buildRequest } from './request';
import type { AssistView } from './view';

/** What the controller gives the session: its element, view and options, read at call time. */
export interface PanelHost {
  readonly element: HTMLElement;
  readonly config: ClientConfig;
  readonly view: AssistView;
  /** The controller's values, now. */
  options(): PanelOptions;
  /** The field's input (Draftail's hidden input for rich text). */
  input(): HTMLElement | undefined;
  /** An answer's allowance, for the page's quota store. */
  onQuota(quota: Quota): void;
  /** A suggestion went into the field. */
  onUsed(text: string): void;
}

export class PanelSession {
  private request: TimedRequest | null = null;
  private shown: Candidate[] = [];
  /** What the last request asked: the own action (null) or a prompt; Try again asks it again. */
  private asked: ActionInfo | null = null;

  constructor(private readonly host: PanelHost) {}

  /** Ask again, past the cache, what was asked last. */
  retry(): Promise<void> {
    return this.ask(true, this.asked);
  }

  /** Ask the own action (`prompt` null) or a library prompt; Try again asks the same again. */
  async ask(refresh: boolean, prompt: ActionInfo | null): Promise<void> {
    const field = this.field();
    const { config, view } = this.host;
    if (!field) return;
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
      this.host.onQuota(answer.quota);
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
    const options = this.host.options();
    const form = this.host.element.closest('form');
    const page = pageInfo(options.page, this.host.config);
    const context: RequestContext = pageContext(page, form);
    const fields: Record<string, string> = {};
    const ownName = this.host.input()?.getAttribute('name') ?? '';
    for (const name of options.contextFields) {
      if (!form || name === options.field || name === page.titleField) continue;
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
        format: field.richText ? 'html' : options.format,
        source: field.source(),
        fieldName: options.field,
        maxLength: options.maxLength || null,
        features: options.features,
        candidates: prompt.candidates || options.candidates,
        context,
        refresh,
      });
    }
    return buildRequest({
      mode: options.mode,
      action: options.action,
      format: field.richText ? 'html' : options.format,
      source: field.source(),
      fieldName: options.field,
      maxLength: options.maxLength || null,
      features: options.features,
      candidates: options.candidates,
      context,
      // Any field in a StreamField (a heading, an image's alt text, a section) sees the
      // blocks around it; outside one there are none.
      neighbours: neighbours(this.host.element),
      refresh,
      image: options.image || this.chosenImage(form, ownName),
    });
  }

  /**
   * The image chosen in the sibling field named `imageField` (`AIImageBlock`: the alt
   * text's own name with its last part replaced, `body-0-value-alt_text` → `…-image`).
   */
  private chosenImage(form: HTMLFormElement | null, ownName: string): number {
    const { field, imageField } = this.host.options();
    if (!imageField || !form || !ownName.endsWith(field)) return 0;
    const name = ownName.slice(0, ownName.length - field.length) + imageField;
    const input = form.elements.namedItem(name);
    const value = input instanceof HTMLInputElement ? Number(input.value) : 0;
    return Number.isInteger(value) && value > 0 ? value : 0;
  }

  /** Show the suggestions that fit the field; if none does, keep what was shown. */
  private offer(candidates: Candidate[], field: FieldValue): void {
    const { view } = this.host;
    const maxLength = this.host.options().maxLength || null;
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

  /** Put the suggestion shown at `index` into the field. */
  use(index: number): void {
    const candidate = this.shown[index];
    const field = this.field();
    if (!candidate || !field) return;
    field.replace(candidate);
    this.dismiss();
    this.host.onUsed(candidate.text);
  }

  dismiss(): void {
    this.shown = [];
    this.host.view.hideCandidates();
    this.host.view.clearError();
  }

  /** Stop the request in flight (the panel left the page). */
  abort(): void {
    this.request?.abort();
    this.request = null;
  }

  private field(): FieldValue | null {
    const input = this.host.input();
    return input ? fieldValue(input, this.host.options().format) : null;
  }
}
