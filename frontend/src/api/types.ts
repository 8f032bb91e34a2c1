/**
 * The HTTP contract (v1) between the admin UI and the wagtail-ai-blocks API.
 *
 * The Python source of truth is `wagtail_ai_blocks/api/schema.py`; these types
 * mirror it (each names its Python class). Change both in the same commit.
 * Response fields that Python fills with a default (`None`, `[]`) are typed
 * optional and nullable here, so a consumer handles both shapes.
 *
 * Endpoints (URLs are reversed on the server and handed over in the config):
 * - `POST urls.generate`, JSON `GenerateRequest` → 200 JSON `GenerateResponse`
 * - `POST urls.stream`, JSON `GenerateRequest` → 200 `text/event-stream` with
 *   `delta` events (`DeltaEvent`), then one `done` (`DoneEvent`) or one
 *   `error` (`ErrorBody`) event. Comment lines (`: ping`) keep the connection alive.
 * - `GET urls.quota` → 200 JSON `QuotaStatus`
 * - any non-2xx → JSON `ErrorBody`; 429 also sends a `Retry-After` header.
 */

/** The config the server renders as `<script type="application/json" id="wagtail-ai-blocks-config">`. */
/** What the server knows of the page or snippet being edited (`page_context()` in Python). */
export interface PageInfo {
  /** The saved title (snippets: their string form). */
  title?: string;
  /** The form field holding the live title, read before each request. */
  titleField?: string;
  /** "Blog page" */
  type?: string;
  /** "en" */
  locale?: string;
}

export interface ClientConfig {
  urls: {
    generate: string;
    stream: string;
    quota: string;
    /** Our Django JavaScript catalog; loaded on demand by `loadTranslations`. */
    jsi18n?: string;
    /** Prefix of the page endpoints: `<pages>5/review`, `<pages>5/related`. */
    pages?: string;
    /** The rich-text toolbar's menu, preview and diff (`js/lazy/assist.js`), loaded on first use. */
    assist?: string;
    /** Their stylesheet (`css/assist.css`). */
    assist_css?: string;
    /** The field panels' work (`js/panel_session.js`), loaded on a panel's first use. */
    panel_session?: string;
  };
  /** Preferred over Wagtail's `wagtailConfig.CSRF_TOKEN` and the `csrftoken` cookie. */
  csrfToken?: string;
  /** Server-translated UI strings, keyed by name. */
  i18n?: Record<string, string>;
  /** Which provider and model answer, for display ("OpenAI · gpt-4o-mini"). */
  provider: {
    provider: string;
    model: string;
    /** The small embedded model answers: its answers are rough drafts (`api/offline.ts`). */
    offline?: boolean;
    /** How to connect a provider, translated by the server. */
    offline_help?: string;
  };
  /** The page or snippet the admin view edits, if any. */
  page?: PageInfo;
}

export type TextFormat = 'text' | 'html';

/** Python: `ParamsIn`. */
export interface ActionParams {
  tone?: string;
  language?: string;
  /** Free-text instruction for the `custom` style of action. */
  instruction?: string;
  /** Primary key of a saved prompt. */
  prompt_id?: number;
}

/** What the editor is working on, so the model can stay on topic. Python: `ContextIn`. */
export interface RequestContext {
  page_title?: string;
  page_type?: string;
  locale?: string;
  /** Other fields of the page, by name. */
  fields?: Record<string, string>;
  /** Text of the blocks around the one being edited. */
  neighbours?: string[];
}

/** The field the answer will go into, so the server can respect its limits. Python: `FieldIn`. */
export interface FieldInfo {
  name?: string;
  max_length?: number;
  /** Rich text features the field allows (`bold`, `link`, `h2` …). */
  features?: string[];
}

/** Body of `POST urls.generate` and `POST urls.stream`. Python: `GenerateIn`. */
export interface GenerateRequest {
  action: string;
  text: string;
  format: TextFormat;
  params?: ActionParams;
  context?: RequestContext;
  field?: FieldInfo;
  /** How many alternatives to return; the server caps this. */
  candidates?: number;
  /** Skip the cache and ask the model again. */
  refresh?: boolean;
  /** Image actions: the image's id; the server shows the model a rendition of it. */
  image?: number;
}

/** Python: `CandidateOut`. */
export interface Candidate {
  text: string;
  /** Set when the request asked for `format: "html"`. */
  html?: string | null;
  /** Draft.js raw content state, for Draftail fields. */
  contentstate?: Record<string, unknown> | null;
  /** Length in characters of `text`, as the server counts it. */
  length: number;
  /** Links, images or embeds of the original that the answer dropped. */
  lost_entities?: string[];
}

/** Python: `UsageOut`. */
export interface Usage {
  input_tokens: number;
  output_tokens: number;
  /** Estimated cost of this request, in the currency the site is configured with. */
  cost: number;
}

/** The caller's allowance. `limit` and `remaining` are `null` when unlimited. Python: `QuotaOut`. */
export interface Quota {
  limit: number | null;
  remaining: number | null;
  /** Seconds until the allowance resets. */
  reset: number;
  /** Which limit applies (`user`, `staff`, `group:<name>`, `global` …). */
  tier: string;
}

export type CacheStatus = 'hit' | 'miss' | 'refresh';

/** Python: `GenerateOut`. */
export interface GenerateResponse {
  candidates: Candidate[];
  action: string;
  backend: string;
  model: string;
  cache: CacheStatus;
  usage: Usage;
  quota: Quota;
}

/** Data of an `event: delta` in the stream: the next piece of text. */
export interface DeltaEvent {
  text: string;
}

/** Data of the final `event: done` in the stream. */
export interface DoneEvent {
  candidates: Candidate[];
  backend: string;
  model: string;
  cache: CacheStatus;
  usage: Usage;
  quota: Quota;
}

/** Python: `ErrorBody`. */
export interface ErrorDetail {
  /** Stable machine-readable code, e.g. `rate_limited`, `provider_timeout`. */
  code: string;
  /** Safe to show to an editor, already translated by the server. */
  message: string;
  /** Seconds to wait before trying again. */
  retry_after?: number | null;
  /** The rate-limit tier that refused the request. */
  tier?: string | null;
  /** Sent with unexpected server errors (500), to quote to the site's developers. */
  request_id?: string;
}

/** Body of every non-2xx response, and data of an `event: error` in the stream. Python: `ErrorOut`. */
export interface ErrorBody {
  error: ErrorDetail;
}

/** Python: `ProviderOut`. */
export interface ProviderInfo {
  backend: string;
  provider: string;
  model: string;
  streaming: boolean;
}

/** Response of `GET urls.quota`. Python: `QuotaStatusOut`. */
export interface QuotaStatus {
  /** The allowance that applies now (the tightest of `tiers`). */
  quota: Quota;
  /** Every limit that applies to the caller. */
  tiers: Quota[];
  provider: ProviderInfo;
}
