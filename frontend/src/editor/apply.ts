/**
 * Putting an accepted answer into a Draftail editor: one change, one undo step.
 * The one way answers go into rich text: the toolbar (a range, or below it),
 * the page review (a range) and the field panels (the whole field).
 *
 * The answer arrives as Draft.js raw content (the server's sanitised
 * `contentstate`). Its entities (links, documents, images) are created anew in
 * the editor's content state, its blocks get fresh keys, and the result goes in
 * with a single `EditorState.push(…, 'insert-fragment')`, so one Ctrl/Cmd+Z
 * brings the original back.
 *
 * Draft.js is Wagtail's (`./draft.ts`), read when an answer goes in.
 */

import type {
  ContentBlock,
  ContentState,
  EditorState,
  RawDraftContentState,
  SelectionState,
} from 'draft-js';

import { requireDraftJS } from './draft';
import { rangeText } from './range';

export type ApplyMode = 'replace' | 'insert_below';

/** Where an answer goes: the range it answers, and the block "insert below" follows. */
export interface Place {
  /** The range sent, start to end (never backward). Replace swaps exactly this range. */
  range: SelectionState;
  /** The block the answer goes after, for "Insert below". */
  afterKey: string;
  /** The range's visible text when it was sent, to detect later edits. */
  text: string;
}

/** The text the answer was for has changed (or gone) since the request. */
export class TargetChangedError extends Error {
  override readonly name = 'TargetChangedError';
}

/** The answer has no content the editor can take. */
export class EmptyAnswerError extends Error {
  override readonly name = 'EmptyAnswerError';
}

type BlockMap = ReturnType<ContentState['getBlockMap']>;

/**
 * `record` with `changes` merged in. Draft's models are Immutable Records, whose
 * typings say `merge` returns a plain Map; it returns a record of the same class.
 */
function withChanges<T extends ContentBlock | ContentState>(
  record: T,
  changes: Record<string, unknown>,
): T {
  return record.merge(changes) as T;
}

/**
 * The answer's blocks, with fresh keys and their entities created in `content`.
 * Returns the content state that holds the new entities, and the blocks.
 */
export function answerFragment(
  content: ContentState,
  raw: RawDraftContentState,
): { content: ContentState; blocks: ContentBlock[] } {
  const { CharacterMetadata, convertFromRaw, genKey } = requireDraftJS();
  if (raw.blocks.length === 0) throw new EmptyAnswerError('The answer has no content.');
  const answer = convertFromRaw(raw);
  const entityKeys = new Map<string, string>();
  let withEntities = content;

  const blocks = answer.getBlocksAsArray().map((block) => {
    const characters = block.getCharacterList().map((character) => {
      const oldKey = character?.getEntity();
      if (!character || !oldKey) return character;
      let newKey = entityKeys.get(oldKey);
      if (newKey === undefined) {
        const entity = answer.getEntity(oldKey);
        withEntities = withEntities.createEntity(entity.getType(), entity.getMutability(), {
          ...(entity.getData() as Record<string, unknown>),
        });
        newKey = withEntities.getLastCreatedEntityKey();
        entityKeys.set(oldKey, newKey);
      }
      return CharacterMetadata.applyEntity(character, newKey);
    });
    return withChanges(block, { key: genKey(), characterList: characters });
  });

  return { content: withEntities, blocks };
}

/** A plain-text answer as content: a paragraph per line. */
export function textToRaw(text: string): RawDraftContentState {
  return {
    blocks: text.split('\n').map((line, index) => ({
      key: `wab${String(index)}`,
      text: line,
      type: 'unstyled',
      depth: 0,
      inlineStyleRanges: [],
      entityRanges: [],
      data: {},
    })),
    entityMap: {},
  };
}

function cursorAtEndOf(block: ContentBlock): SelectionState {
  return requireDraftJS()
    .SelectionState.createEmpty(block.getKey())
    .merge({ anchorOffset: block.getLength(), focusOffset: block.getLength() });
}

/**
 * The editor state with the answer in place of (`replace`) or after the block
 * of (`insert_below`) `place`. Throws `TargetChangedError` if the place's text
 * is no longer what was sent, leaving nothing changed.
 */
export function applyAnswer(
  editorState: EditorState,
  place: Place,
  raw: RawDraftContentState,
  mode: ApplyMode,
): EditorState {
  const { BlockMapBuilder, EditorState, Modifier } = requireDraftJS();
  const current = editorState.getCurrentContent();
  if (rangeText(current, place.range) !== place.text) {
    throw new TargetChangedError('The text changed after the request was sent.');
  }
  const { content, blocks } = answerFragment(current, raw);

  let next: ContentState;
  if (mode === 'replace') {
    next = Modifier.replaceWithFragment(
      content,
      place.range,
      BlockMapBuilder.createFromArray(blocks),
    );
  } else {
    next = insertBlocksAfter(content, place.afterKey, blocks);
  }
  next = withChanges(next, { selectionBefore: place.range });

  // The cursor goes after the answer; the caller focuses the editor, which shows it there.
  return EditorState.push(editorState, next, 'insert-fragment');
}

/**
 * The editor state with the answer as the field's whole content: its blocks as
 * they are (a heading stays a heading, which a fragment pasted over everything
 * would turn into the first block's type), the cursor after them.
 */
export function replaceContent(editorState: EditorState, raw: RawDraftContentState): EditorState {
  const { BlockMapBuilder, EditorState, SelectionState } = requireDraftJS();
  const current = editorState.getCurrentContent();
  const { content, blocks } = answerFragment(current, raw);
  const first = current.getFirstBlock();
  const last = current.getLastBlock();
  const everything = SelectionState.createEmpty(first.getKey()).merge({
    focusKey: last.getKey(),
    focusOffset: last.getLength(),
  });
  const next = withChanges(content, {
    blockMap: BlockMapBuilder.createFromArray(blocks),
    selectionBefore: everything,
    selectionAfter: cursorAtEndOf(blocks[blocks.length - 1] as ContentBlock),
  });
  return EditorState.push(editorState, next, 'insert-fragment');
}

/** `content` with `blocks` inserted as whole blocks after the block `afterKey`. */
function insertBlocksAfter(
  content: ContentState,
  afterKey: string,
  blocks: ContentBlock[],
): ContentState {
  const { BlockMapBuilder } = requireDraftJS();
  const blockMap: BlockMap = content.getBlockMap();
  const inserted: BlockMap = BlockMapBuilder.createFromArray(blocks);
  const before = blockMap.toSeq().takeUntil((_, key) => key === afterKey);
  const after = blockMap
    .toSeq()
    .skipUntil((_, key) => key === afterKey)
    .rest();
  const target = blockMap.get(afterKey);
  const newMap = before.concat([[afterKey, target]], inserted.toSeq(), after).toOrderedMap();
  const last = blocks[blocks.length - 1] as ContentBlock;
  return withChanges(content, { blockMap: newMap, selectionAfter: cursorAtEndOf(last) });
}
