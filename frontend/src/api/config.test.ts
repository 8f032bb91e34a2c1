import { afterEach, describe, expect, it } from 'vitest';

import { ConfigError, getCsrfToken, readConfig } from './config';
import type { ClientConfig } from './types';

const valid: ClientConfig = {
  urls: { generate: '/g/', stream: '/s/', quota: '/q/' },
  provider: { provider: 'OpenAI', model: 'gpt-4o-mini' },
};

function renderConfig(content: string, doc: Document = document): void {
  const script = doc.createElement('script');
  script.type = 'application/json';
  script.id = 'wagtail-ai-blocks-config';
  script.textContent = content;
  doc.body.append(script);
}

afterEach(() => {
  document.body.innerHTML = '';
  document.cookie = 'csrftoken=; expires=Thu, 01 Jan 1970 00:00:00 GMT';
  delete window.wagtailConfig;
});

describe('readConfig', () => {
  it('parses the JSON script the server renders', () => {
    const config = { ...valid, csrfToken: 'abc', i18n: { title: 'KI' } };
    renderConfig(JSON.stringify(config));

    expect(readConfig()).toEqual(config);
  });

  it('reads from another document, such as an iframe', () => {
    const doc = document.implementation.createHTMLDocument();
    renderConfig(JSON.stringify(valid), doc);

    expect(readConfig(doc)).toEqual(valid);
  });

  it('reads HTML-escaped JSON as Django json_script renders it', () => {
    renderConfig(
      '{"urls": {"generate": "/g/?a=1\\u0026b=\\u003C", "stream": "/s/", "quota": "/q/"}, "provider": {"provider": "OpenAI", "model": "m"}}',
    );

    expect(readConfig().urls.generate).toBe('/g/?a=1&b=<');
  });

  it('says which element is missing', () => {
    expect(() => readConfig()).toThrow(ConfigError);
    expect(() => readConfig()).toThrow(
      'wagtail-ai-blocks: no <script id="wagtail-ai-blocks-config"> on this page.',
    );
  });

  it('says when the content is not JSON', () => {
    renderConfig('{urls: }');

    expect(() => readConfig()).toThrow(
      'wagtail-ai-blocks: #wagtail-ai-blocks-config does not contain valid JSON.',
    );
  });

  it('lists every problem with the content', () => {
    renderConfig(JSON.stringify({ urls: { generate: '/g/', stream: '' }, csrfToken: 5 }));

    expect(() => readConfig()).toThrow(
      'wagtail-ai-blocks: #wagtail-ai-blocks-config is invalid: "urls.stream" must be a URL; ' +
        '"urls.quota" must be a URL; "provider" must be an object; "csrfToken" must be a string.',
    );
  });

  it('rejects JSON that is not an object', () => {
    renderConfig('[]');

    expect(() => readConfig()).toThrow('is invalid: expected a JSON object.');
  });
});

describe('getCsrfToken', () => {
  it('prefers the token in the config', () => {
    window.wagtailConfig = { CSRF_TOKEN: 'from-wagtail' };
    document.cookie = 'csrftoken=from-cookie';

    expect(getCsrfToken({ ...valid, csrfToken: 'from-config' })).toBe('from-config');
  });

  it("falls back to Wagtail's wagtailConfig.CSRF_TOKEN", () => {
    window.wagtailConfig = { CSRF_TOKEN: 'from-wagtail' };
    document.cookie = 'csrftoken=from-cookie';

    expect(getCsrfToken(valid)).toBe('from-wagtail');
  });

  it('falls back to the csrftoken cookie', () => {
    document.cookie = 'sessionid=x';
    document.cookie = 'csrftoken=from-cookie';

    expect(getCsrfToken(valid)).toBe('from-cookie');
  });

  it('returns null when there is no token anywhere', () => {
    expect(getCsrfToken(valid)).toBeNull();
  });
});
