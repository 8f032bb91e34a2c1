/** The API client: import from here, not from the modules behind it. */

export {
  generate,
  getQuota,
  postForm,
  stream,
  type RequestOptions,
  type StreamOptions,
} from './client';
export { CONFIG_ELEMENT_ID, ConfigError, getCsrfToken, readConfig } from './config';
export {
  AIRequestError,
  ClientErrorCode,
  errorMessage,
  parseRetryAfter,
  retryHint,
} from './errors';
export { formatQuota, formatRetryAfter } from './format';
export { offlineNote, type OfflineNote } from './offline';
export { announceQuota, onQuotaAnnounced, QUOTA_EVENT } from './quotaEvent';
export { SSEParser, type ServerSentEvent } from './sse';
export type * from './types';
