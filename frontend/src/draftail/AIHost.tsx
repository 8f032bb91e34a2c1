import type { ControlComponentProps } from 'draftail';
import React, { useEffect, useLayoutEffect, useRef, useState } from 'react';

import { loadBundle, loadStylesheet } from '../editor/lazy';
import { gettext } from '../i18n';
import { pageConfig } from './availability';
import type { AssistantProps } from './Assistant';
import { EDITOR_SELECTOR, OPEN_EVENT } from './events';
import { isOpenShortcut } from './shortcut';

/** What the `assist` bundle (`frontend/src/lazy/assist.ts`) puts on `window`. */
export interface AssistBundle {
  Assistant: React.ComponentType<AssistantProps>;
}

/** The libraries the `assist` bundle renders with (`frontend/build.mjs`: SHARED_LIBRARIES). */
export type SharedLibraries = Record<'React' | 'ReactDOM' | 'DraftJS' | 'Draftail', unknown>;

/**
 * The admin's libraries as this bundle found them when it loaded, the same
 * moment its own imports of them were read (`frontend/build.mjs`).
 */
const globals = window as unknown as SharedLibraries;
const LIBRARIES: SharedLibraries = {
  React: globals.React,
  ReactDOM: globals.ReactDOM,
  DraftJS: globals.DraftJS,
  Draftail: globals.Draftail,
};

declare global {
  interface Window {
    wagtailAIBlocksAssist?: AssistBundle;
    wagtailAIBlocksLibraries?: SharedLibraries;
  }
}

/**
 * Load the assistant (script and stylesheet) once per page. Wagtail's scripts
 * can each set `window.React` to their own copy, so the bundle is handed the
 * React this one renders with (hooks from a second copy throw).
 */
export async function loadAssistant(urls: { assist?: string; assist_css?: string }) {
  if (!urls.assist) throw new Error('The client config has no assist URL.');
  window.wagtailAIBlocksLibraries ??= LIBRARIES;
  const [bundle] = await Promise.all([
    loadBundle(urls.assist, () => window.wagtailAIBlocksAssist),
    urls.assist_css ? loadStylesheet(urls.assist_css) : undefined,
  ]);
  return bundle.Assistant;
}

/**
 * The AI host of one Draftail editor, mounted as a control of the editor's
 * bottom toolbar so it lives as long as the editor. It listens for the
 * toolbar button and the keyboard shortcut; on the first request it loads the
 * assistant (menu, preview, diff: `./Assistant.tsx`) and hands it every
 * request from then on.
 */
export function AIHost(props: ControlComponentProps) {
  const anchor = useRef<HTMLSpanElement>(null);
  const [root, setRoot] = useState<HTMLElement | null>(null);
  const [Assistant, setAssistant] = useState<AssistBundle['Assistant'] | null>(null);
  const [requests, setRequests] = useState(0);
  const [failed, setFailed] = useState(false);

  useLayoutEffect(() => {
    setRoot(anchor.current?.closest<HTMLElement>(EDITOR_SELECTOR) ?? null);
  }, []);

  // The toolbar button and the keyboard shortcut ask for the menu.
  useEffect(() => {
    if (!root) return undefined;
    const request = (): void => {
      setRequests((count) => count + 1);
    };
    const onKeyDown = (event: KeyboardEvent): void => {
      const content = root.querySelector('.DraftEditor-root');
      if (
        !isOpenShortcut(event) ||
        !(event.target instanceof Node) ||
        !content?.contains(event.target)
      ) {
        return;
      }
      event.preventDefault();
      event.stopPropagation();
      request();
    };
    root.addEventListener(OPEN_EVENT, request);
    root.addEventListener('keydown', onKeyDown, true);
    return () => {
      root.removeEventListener(OPEN_EVENT, request);
      root.removeEventListener('keydown', onKeyDown, true);
    };
  }, [root]);

  // The first request loads the assistant; a failed load is tried again on the next one.
  useEffect(() => {
    const config = pageConfig();
    if (requests === 0 || Assistant || !config) return undefined;
    let current = true;
    setFailed(false);
    loadAssistant(config.urls).then(
      (loaded) => {
        if (current) setAssistant(() => loaded);
      },
      () => {
        // The browser's console names the script that failed; the text is untouched.
        if (current) setFailed(true);
      },
    );
    return () => {
      current = false;
    };
  }, [requests, Assistant]);

  return (
    <>
      <span ref={anchor} className="wab-draftail-host" hidden />
      {failed ? (
        <span role="alert" className="wab-draftail-host__error">
          {gettext('The AI menu could not be loaded. Reload the page and try again.')}
        </span>
      ) : null}
      {root && Assistant ? (
        <Assistant {...props} root={root} anchor={anchor} requests={requests} />
      ) : null}
    </>
  );
}
