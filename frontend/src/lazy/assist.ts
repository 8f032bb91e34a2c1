/**
 * The `assist` bundle: the rich-text toolbar's menu, instruction box, streamed
 * preview and diff. The `draftail` bundle's host (`draftail/AIHost.tsx`) loads
 * it on an editor's first request, so page editors that never open the menu do
 * not download it.
 *
 * Built from `frontend/src/lazy/`: its React, ReactDOM, Draft.js and Draftail
 * are the ones the `draftail` bundle handed over (`window.wagtailAIBlocksLibraries`),
 * so the assistant's hooks run on the React that renders the editor.
 */

import type { AssistBundle } from '../draftail/AIHost';
import { Assistant } from '../draftail/Assistant';

window.wagtailAIBlocksAssist ??= { Assistant } satisfies AssistBundle;
