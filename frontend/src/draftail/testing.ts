/**
 * Builders for the unit tests: editor states from raw content, and selections.
 * Not imported by any bundle.
 */

import { EditorState, SelectionState, convertFromRaw } from 'draft-js';
import type { RawDraftContentState, RawDraftContentBlock } from 'draft-js';

export const MONSTERA_TEXT =
  'Monstera deliciosa is a forgiving houseplant that rewards bright light. ' +
  'See the Monstera article for its habitat.';

export const MONSTERA_URL = 'https://en.wikipedia.org/wiki/Monstera_deliciosa';

export function block(
  key: string,
  text: string,
  extra: Partial<RawDraftContentBlock> = {},
): RawDraftContentBlock {
  return {
    key,
    text,
    type: 'unstyled',
    depth: 0,
    inlineStyleRanges: [],
    entityRanges: [],
    data: {},
    ...extra,
  };
}

/** Two paragraphs: the first with bold "forgiving houseplant" and a link on "Monstera article". */
export function monsteraRaw(): RawDraftContentState {
  return {
    blocks: [
      block('first', MONSTERA_TEXT, {
        inlineStyleRanges: [{ offset: 24, length: 20, style: 'BOLD' }],
        entityRanges: [{ offset: MONSTERA_TEXT.indexOf('Monstera article'), length: 16, key: 0 }],
      }),
      block('second', 'Wipe the leaves monthly.'),
    ],
    entityMap: {
      0: { type: 'LINK', mutability: 'MUTABLE', data: { url: MONSTERA_URL } },
    },
  };
}

export function editorStateFrom(raw: RawDraftContentState): EditorState {
  return EditorState.createWithContent(convertFromRaw(raw));
}

/** `state` with the selection from (anchorKey, anchorOffset) to (focusKey, focusOffset). */
export function select(
  state: EditorState,
  anchorKey: string,
  anchorOffset: number,
  focusKey: string = anchorKey,
  focusOffset: number = anchorOffset,
  isBackward = false,
): EditorState {
  const selection = SelectionState.createEmpty(anchorKey).merge({
    anchorKey,
    anchorOffset,
    focusKey,
    focusOffset,
    isBackward,
    hasFocus: true,
  });
  return EditorState.acceptSelection(state, selection);
}

export interface Run {
  text: string;
  styles: string[];
  url: string | null;
}

/** A block's text as runs of the same inline styles and link, for readable assertions. */
export function runs(state: EditorState, key: string): Run[] {
  const content = state.getCurrentContent();
  const contentBlock = content.getBlockForKey(key);
  const result: Run[] = [];
  const text = contentBlock.getText();
  for (let index = 0; index < text.length; index++) {
    const character = contentBlock.getCharacterList().get(index);
    const styles = character.getStyle().toArray();
    const entity = character.getEntity();
    const data = entity ? (content.getEntity(entity).getData() as { url?: string }) : null;
    const url = data?.url ?? null;
    const last = result[result.length - 1];
    if (last && last.url === url && last.styles.join() === styles.join()) {
      last.text += text[index] ?? '';
    } else {
      result.push({ text: text[index] ?? '', styles, url });
    }
  }
  return result;
}
