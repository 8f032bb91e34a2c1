/**
 * Reading the configuration the server renders into the admin page.
 *
 * @example
 * <script type="application/json" id="wagtail-ai-blocks-config">
 *   {"urls": {"generate": "/admin/ai-blocks/api/v1/generate/", "stream": "…", "quota": "…"},
 *    "csrfToken": "…", "provider": {"provider": "OpenAI", "model": "gpt-4o-mini"}}
 * </script>
 */

import { isObject } from './guards';
import type { ClientConfig } from './types';

export const CONFIG_ELEMENT_ID = 'wagtail-ai-blocks-config';

/** A developer error: the page was rendered without (valid) configuration. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parse and check the `#wagtail-ai-blocks-config` JSON script. */
export function readConfig(doc: Document = document): ClientConfig {
  const element = doc.getElementById(CONFIG_ELEMENT_ID);
  if (!element) {
    throw new ConfigError(
      `wagtail-ai-blocks: no <script id="${CONFIG_ELEMENT_ID}"> on this page. ` +
        'The server renders it on admin pages that use AI assistance; ' +
        'check that "wagtail_ai_blocks" is in INSTALLED_APPS.',
    );
  }

  let value: unknown;
  try {
    value = JSON.parse(element.textContent);
  } catch (error) {
    throw new ConfigError(`wagtail-ai-blocks: #${CONFIG_ELEMENT_ID} does not contain valid JSON.`, {
      cause: error,
    });
  }

  const problems = validate(value);
  if (problems.length > 0) {
    throw new ConfigError(
      `wagtail-ai-blocks: #${CONFIG_ELEMENT_ID} is invalid: ${problems.join('; ')}.`,
    );
  }
  return value as ClientConfig;
}

function validate(value: unknown): string[] {
  if (!isObject(value)) return ['expected a JSON object'];
  const problems: string[] = [];

  const { urls, provider, csrfToken, i18n } = value;
  if (!isObject(urls)) {
    problems.push('"urls" must be an object');
  } else {
    for (const name of ['generate', 'stream', 'quota']) {
      const url = urls[name];
      if (typeof url !== 'string' || url === '') problems.push(`"urls.${name}" must be a URL`);
    }
  }
  if (!isObject(provider)) {
    problems.push('"provider" must be an object');
  } else {
    for (const name of ['provider', 'model']) {
      if (typeof provider[name] !== 'string') problems.push(`"provider.${name}" must be a string`);
    }
  }
  if (csrfToken !== undefined && typeof csrfToken !== 'string') {
    problems.push('"csrfToken" must be a string');
  }
  if (i18n !== undefined && !isObject(i18n)) problems.push('"i18n" must be an object');
  return problems;
}

/**
 * The CSRF token to send as `X-CSRFToken`: from the config, else Wagtail's
 * `wagtailConfig.CSRF_TOKEN`, else Django's `csrftoken` cookie.
 */
export function getCsrfToken(config: ClientConfig, doc: Document = document): string | null {
  if (config.csrfToken) return config.csrfToken;
  const fromWagtail = doc.defaultView?.wagtailConfig?.CSRF_TOKEN;
  if (fromWagtail) return fromWagtail;
  return readCookie(doc, 'csrftoken');
}

function readCookie(doc: Document, name: string): string | null {
  for (const pair of doc.cookie.split(';')) {
    const [key, ...rest] = pair.trim().split('=');
    if (key !== name) continue;
    const value = rest.join('=');
    try {
      return decodeURIComponent(value) || null;
    } catch {
      return value || null;
    }
  }
  return null;
}
