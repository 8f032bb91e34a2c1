/**
 * Putting an accepted answer into the editor: one change, one undo step.
 *
 * The answer arrives as Draft.js raw content (the server's sanitised
 * `contentstate`). Its entities (links, documents, images) are created anew in
 * the editor's content state, its blocks get fresh keys, and the result goes in
 * with a single `EditorState.push(…, 'insert-fragment')`, so one Ctrl/Cmd+Z
 * brings the original back.
 */

import {
  BlockMapBuilder,
  CharacterMetadata,
  EditorState,
  Modifier,
  SelectionState,
  convertFromRaw,
  genKey,
} from 'draft-js';
import type { ContentBlock, ContentState, RawDraftContentState } from 'draft-js';

import { rangeText, type Target } from './selection';

export type ApplyMode = 'replace' | 'insert_below';

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

  if (blocks.length === 0) throw new EmptyAnswerError('The answer has no content.');
  return { content: withEntities, blocks };
}

function checkTarget(content: ContentState, target: Target): void {
  if (rangeText(content, target.range) !== target.text) {
    throw new TargetChangedError('The text changed after the request was sent.');
  }
}

function cursorAtEndOf(block: ContentBlock): SelectionState {
  return SelectionState.createEmpty(block.getKey()).merge({
    anchorOffset: block.getLength(),
    focusOffset: block.getLength(),
  });
}

/**
 * The editor state with the answer in place of (`replace`) or after the block
 * of (`insert_below`) the target. Throws `TargetChangedError` if the target's
 * text is no longer what was sent, leaving nothing changed.
 */
export function applyAnswer(
  editorState: EditorState,
  target: Target,
  raw: RawDraftContentState,
  mode: ApplyMode,
): EditorState {
  const current = editorState.getCurrentContent();
  checkTarget(current, target);
  const { content, blocks } = answerFragment(current, raw);

  let next: ContentState;
  if (mode === 'replace') {
    next = Modifier.replaceWithFragment(
      content,
      target.range,
      BlockMapBuilder.createFromArray(blocks),
    );
  } else {
    next = insertBlocksAfter(content, target.afterKey, blocks);
  }
  next = withChanges(next, { selectionBefore: target.range });

  // The cursor goes after the answer; the caller focuses the editor, which shows it there.
  return EditorState.push(editorState, next, 'insert-fragment');
}

/** `content` with `blocks` inserted as whole blocks after the block `afterKey`. */
function insertBlocksAfter(
  content: ContentState,
  afterKey: string,
  blocks: ContentBlock[],
): ContentState {
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
