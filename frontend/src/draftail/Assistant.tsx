import { EditorState, type SelectionState } from 'draft-js';
import type { ControlComponentProps } from 'draftail';
import React, { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import ReactDOM from 'react-dom';

import { formatQuota, offlineNote } from '../api';
import type { ActionParams, GenerateRequest, Quota } from '../api/types';
import { gettext, interpolate } from '../i18n';
import { ActionMenu } from './ActionMenu';
import { appliesTo, richTextActions } from './actions';
import { applyAnswer, TargetChangedError, type ApplyMode } from '../editor/apply';
import { AskForm } from './AskForm';
import { pageConfig, useQuota } from './availability';
import { pageContext, pageInfo } from '../editor/context';
import { fieldInfo, findFieldInput } from './field';
import { markTarget } from './highlight';
import {
  buildMenu,
  initialMenuState,
  type MenuEffect,
  type MenuItem,
  type MenuState,
} from './menu';
import { Popover } from './Popover';
import { popoverPosition, type Position } from './position';
import { Preview } from './Preview';
import { pageQuota } from '../editor/quota';
import { extractTarget, type Target } from './selection';
import { shortcutLabel } from './shortcut';
import { useAnswer } from './useAnswer';

type ActionItem = Extract<MenuItem, { kind: 'run' | 'ask' }>;

interface Chosen {
  item: ActionItem;
  params: ActionParams;
  /** "Make shorter", "Change tone: Friendly". */
  title: string;
}

type View =
  | { kind: 'menu'; menu: MenuState; notice: string | null }
  | { kind: 'ask'; menu: MenuState; item: Extract<MenuItem, { kind: 'ask' }> }
  | { kind: 'preview'; chosen: Chosen; target: Target; applyError: string | null };

/** Where the menu was opened: the selection to work on and where to show the popover. */
interface Opened {
  selection: SelectionState;
  position: Position;
  /** The menu for this field and page (library prompts can be limited to some). */
  items: MenuItem[];
}

const NO_TEXT = (): string =>
  gettext('Select some text, or put the cursor in a paragraph with text, then choose an action.');

export interface AssistantProps extends ControlComponentProps {
  /** The editor's element (`[data-draftail-editor]`). */
  root: HTMLElement;
  /** The host's anchor: the owner of the editor's marked text. */
  anchor: object;
  /** How often the editor asked for the menu (button or shortcut): each new count opens it. */
  requests: number;
}

/**
 * The AI assistant of one Draftail editor: the menu, the instruction box and
 * the preview in a popover under the selection. Loaded on first use (the
 * `assist` bundle) and rendered by the editor's host (`AIHost`), which listens
 * for the toolbar button and the keyboard shortcut.
 */
export function Assistant({ getEditorState, onChange, root, anchor, requests }: AssistantProps) {
  const [opened, setOpened] = useState<Opened | null>(null);
  const [view, setView] = useState<View | null>(null);

  const config = pageConfig();
  const quota = useQuota();
  const store = config ? pageQuota(config) : null;
  const onQuota = useCallback((value: Quota) => store?.update(value), [store]);
  const answer = useAnswer(config, onQuota);
  const actions = useMemo(() => (config ? richTextActions(config) : []), [config]);
  // A quota endpoint that refuses (permission removed since the page loaded) does not
  // hide the menu: an action then shows the server's refusal, the text untouched.
  const available = actions.length > 0;

  /** Give the keyboard back to the editor, with `selection` if given. */
  const focusEditor = useCallback(
    (selection?: SelectionState) => {
      if (selection) {
        onChange(
          EditorState.acceptSelection(getEditorState(), selection.merge({ hasFocus: false })),
        );
      }
      window.setTimeout(() => {
        const input: (HTMLInputElement & { draftailEditor?: { focus?: unknown } }) | null =
          findFieldInput(root);
        const editor = input?.draftailEditor;
        if (typeof editor?.focus === 'function') (editor as { focus: () => void }).focus();
        else root.querySelector<HTMLElement>('.public-DraftEditor-content')?.focus();
      }, 0);
    },
    [getEditorState, onChange, root],
  );

  const close = useCallback(
    ({ restoreFocus = true }: { restoreFocus?: boolean } = {}) => {
      answer.reset();
      setView(null);
      setOpened(null);
      if (restoreFocus && opened) focusEditor(opened.selection);
    },
    [answer, focusEditor, opened],
  );

  const open = useCallback(() => {
    if (!available) return;
    const selection = getEditorState().getSelection();
    const page = pageContext(pageInfo(null, config), root.closest('form'));
    const where = { field: fieldInfo(root).name, pageType: page.page_type };
    answer.reset();
    setOpened({
      selection,
      position: popoverPosition(root, selection.getEndKey()),
      items: buildMenu(
        actions.filter((action) => appliesTo(action, where)),
        { locale: page.locale },
      ),
    });
    setView({ kind: 'menu', menu: initialMenuState, notice: null });
    void store?.refresh({ force: quota?.status === 'unknown' });
  }, [root, available, getEditorState, answer, store, quota, actions]);

  const run = useCallback(
    (chosen: Chosen, { refresh = false }: { refresh?: boolean } = {}) => {
      if (!opened) return;
      const field = fieldInfo(root);
      const features = field.features ? new Set(field.features) : null;
      let target: Target | null;
      try {
        const state = EditorState.acceptSelection(getEditorState(), opened.selection);
        target = extractTarget(state, {
          continueWriting: chosen.item.action.output === 'insert_below',
          features,
        });
      } catch {
        target = null; // the selection's blocks are gone
      }
      if (!target) {
        setView({ kind: 'menu', menu: initialMenuState, notice: NO_TEXT() });
        return;
      }
      const request: GenerateRequest = {
        action: chosen.item.action.id,
        text: target.html,
        format: 'html',
        params: chosen.params,
        context: pageContext(pageInfo(null, config), root.closest('form')),
        field,
      };
      if (refresh) request.refresh = true;
      setView({ kind: 'preview', chosen, target, applyError: null });
      answer.start(request);
    },
    [root, opened, getEditorState, answer],
  );

  const retry = useCallback(() => {
    if (view?.kind !== 'preview') return;
    run(view.chosen, { refresh: true });
  }, [view, run]);

  const apply = useCallback(
    (mode: ApplyMode) => {
      if (view?.kind !== 'preview' || answer.state?.status !== 'done') return;
      try {
        onChange(applyAnswer(getEditorState(), view.target, answer.state.contentstate, mode));
      } catch (error) {
        setView({
          ...view,
          applyError:
            error instanceof TargetChangedError
              ? gettext('The text changed while the AI was writing. Try again to use the new text.')
              : gettext('The answer could not be put into the text. Try again.'),
        });
        return;
      }
      answer.reset();
      setView(null);
      setOpened(null);
      focusEditor();
    },
    [view, answer, onChange, getEditorState, focusEditor],
  );

  const onMenuEffect = useCallback(
    (effect: MenuEffect, menu: MenuState) => {
      if (effect.type === 'close') close();
      else if (effect.type === 'ask') setView({ kind: 'ask', menu, item: effect.item });
      else if (effect.type === 'run') {
        const { item } = effect;
        const title =
          item.label === item.action.label
            ? item.label
            : interpolate(gettext('%(action)s: %(choice)s'), {
                action: item.action.label,
                choice: item.label,
              });
        run({ item, params: item.params, title });
      }
    },
    [close, run],
  );

  // The text the action works on stays marked while the editor does not have the keyboard.
  const marked = view?.kind === 'preview' ? view.target.range : (opened?.selection ?? null);
  useEffect(() => {
    if (!marked) return undefined;
    return markTarget(anchor, root, marked);
  }, [anchor, root, marked]);

  // Each request of the toolbar button or the keyboard shortcut opens the menu.
  const openRef = useRef(open);
  openRef.current = open;
  useEffect(() => {
    if (requests > 0) openRef.current();
  }, [requests]);

  // A click elsewhere closes the menu (never a preview: its answer would be lost).
  const popover = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!view || view.kind === 'preview') return undefined;
    const onPointerDown = (event: MouseEvent): void => {
      if (event.target instanceof Node && popover.current?.contains(event.target)) return;
      close({ restoreFocus: false });
    };
    root.ownerDocument.addEventListener('mousedown', onPointerDown);
    return () => {
      root.ownerDocument.removeEventListener('mousedown', onPointerDown);
    };
  }, [root, view, close]);

  let content: React.ReactNode = null;
  if (view?.kind === 'menu' && opened) {
    content = (
      <ActionMenu
        items={opened.items}
        state={view.menu}
        onStateChange={(menu) => {
          setView({ ...view, menu });
        }}
        onEffect={(effect) => {
          onMenuEffect(effect, view.menu);
        }}
        quotaText={quota?.status === 'ready' ? formatQuota(quota.quota) : null}
        shortcut={shortcutLabel()}
        notice={view.notice}
        offline={offlineNote(config)}
      />
    );
  } else if (view?.kind === 'ask') {
    content = (
      <AskForm
        item={view.item}
        initial=""
        onBack={() => {
          setView({ kind: 'menu', menu: view.menu, notice: null });
        }}
        onSubmit={(instruction) => {
          run({
            item: view.item,
            params: { ...view.item.params, [view.item.param.name]: instruction },
            title: view.item.label,
          });
        }}
      />
    );
  } else if (view?.kind === 'preview') {
    content = (
      <Preview
        title={view.chosen.title}
        original={view.target.text}
        answer={answer.state}
        canReplace={view.chosen.item.action.output === 'replace'}
        applyError={view.applyError}
        onReplace={() => {
          apply('replace');
        }}
        onInsertBelow={() => {
          apply('insert_below');
        }}
        onTryAgain={retry}
        onDiscard={() => {
          close();
        }}
        onStop={() => {
          answer.stop();
        }}
      />
    );
  }

  return opened && content
    ? ReactDOM.createPortal(
        <div ref={popover}>
          <Popover position={opened.position} placement={view?.kind ?? ''}>
            {content}
          </Popover>
        </div>,
        root,
      )
    : null;
}
