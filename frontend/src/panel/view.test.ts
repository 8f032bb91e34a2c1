import { describe, expect, it, vi } from 'vitest';

import { AssistView, formatCount } from './view';

function view() {
  const callbacks = {
    run: vi.fn(),
    runPrompt: vi.fn(),
    retry: vi.fn(),
    dismiss: vi.fn(),
    use: vi.fn(),
  };
  const assist = new AssistView(document, callbacks);
  document.body.replaceChildren(assist.root);
  return { assist, callbacks };
}

const buttonNamed = (name: string) =>
  Array.from(document.querySelectorAll('button')).find(
    (button) => (button.getAttribute('aria-label') ?? button.textContent) === name,
  )!;

describe('AssistView', () => {
  it('lists suggestions with their length and a Use button each', () => {
    const { assist, callbacks } = view();

    assist.showCandidates(
      [
        { text: 'First', count: 5, lostEntities: 0 },
        { text: 'Second', count: 6, lostEntities: 1 },
      ],
      60,
      0,
    );
    buttonNamed('Use suggestion 2').click();

    expect(document.querySelectorAll('.wab-ai-field__candidate')).toHaveLength(2);
    expect(document.querySelector('.wab-ai-field__count')!.textContent).toBe('5 / 60 characters');
    expect(document.querySelector('.wab-ai-field__warning')!.textContent).toBe(
      'Leaves out 1 link or image of the current text',
    );
    expect(callbacks.use).toHaveBeenCalledWith(1);
    expect(assist.candidatesShown).toBe(true);
  });

  it('wires Generate, Try again and Dismiss', () => {
    const { assist, callbacks } = view();
    assist.setRunLabel('Generate');
    assist.showCandidates([{ text: 'x', count: 1, lostEntities: 0 }], null, 0);

    buttonNamed('Generate').click();
    buttonNamed('Try again').click();
    buttonNamed('Dismiss').click();

    expect(callbacks.run).toHaveBeenCalledOnce();
    expect(callbacks.retry).toHaveBeenCalledOnce();
    expect(callbacks.dismiss).toHaveBeenCalledOnce();
  });

  it('keeps the focus on its buttons while busy, marks them aria-disabled and ignores clicks', () => {
    const { assist, callbacks } = view();
    const run = document.querySelector<HTMLButtonElement>('.wab-ai-field__run')!;
    run.focus();

    assist.setBusy(true);
    run.click();
    buttonNamed('Try again').click();

    expect(document.activeElement).toBe(run);
    expect(run.disabled).toBe(false);
    expect(run.getAttribute('aria-disabled')).toBe('true');
    expect(buttonNamed('Try again').getAttribute('aria-disabled')).toBe('true');
    expect(callbacks.run).not.toHaveBeenCalled();
    expect(callbacks.retry).not.toHaveBeenCalled();
    expect(document.querySelector('[role=status]')!.textContent).toBe(
      'Asking the AI for suggestions…',
    );
    expect(assist.root.getAttribute('aria-busy')).toBe('true');
    assist.setBusy(false);
    expect(run.hasAttribute('aria-disabled')).toBe(false);
    expect(document.querySelector('[role=status]')!.textContent).toBe('');
  });

  it('keeps the run button unavailable when it cannot run, busy or not', () => {
    const { assist, callbacks } = view();
    const run = document.querySelector<HTMLButtonElement>('.wab-ai-field__run')!;

    assist.setRunnable(false);
    assist.setBusy(true);
    assist.setBusy(false);
    run.click();

    expect(run.getAttribute('aria-disabled')).toBe('true');
    expect(callbacks.run).not.toHaveBeenCalled();
    assist.setRunnable(true);
    expect(run.hasAttribute('aria-disabled')).toBe(false);
  });

  it('says how many suggestions came and puts the focus on the first one', () => {
    const { assist } = view();
    const run = document.querySelector<HTMLButtonElement>('.wab-ai-field__run')!;
    run.focus();
    assist.setBusy(true);

    assist.showCandidates(
      [
        { text: 'First', count: 5, lostEntities: 0 },
        { text: 'Second', count: 6, lostEntities: 0 },
      ],
      60,
      0,
    );
    assist.setBusy(false);

    expect(document.activeElement).toBe(buttonNamed('Use suggestion 1'));
    expect(document.querySelector('[role=status]')!.textContent).toBe('2 suggestions');
  });

  it('leaves the focus where the editor moved it meanwhile', () => {
    const { assist } = view();
    const elsewhere = document.createElement('input');
    document.body.append(elsewhere);
    elsewhere.focus();

    assist.showCandidates([{ text: 'First', count: 5, lostEntities: 0 }], 60, 0);

    expect(document.activeElement).toBe(elsewhere);
  });

  it('closes the list on Escape and gives the focus back to the run button', () => {
    const { assist, callbacks } = view();
    callbacks.dismiss.mockImplementation(() => {
      assist.hideCandidates();
    });
    assist.showCandidates([{ text: 'First', count: 5, lostEntities: 0 }], 60, 0);
    const use = buttonNamed('Use suggestion 1');
    use.focus();

    const event = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true });
    use.dispatchEvent(event);

    expect(callbacks.dismiss).toHaveBeenCalledOnce();
    expect(event.defaultPrevented).toBe(true);
    expect(assist.candidatesShown).toBe(false);
    expect(document.activeElement).toBe(document.querySelector('.wab-ai-field__run'));
    expect(document.querySelector('[role=status]')!.textContent).toBe('');
  });

  it('lets Escape through when no list is shown', () => {
    const { callbacks } = view();
    const run = document.querySelector<HTMLButtonElement>('.wab-ai-field__run')!;

    const event = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true });
    run.dispatchEvent(event);

    expect(event.defaultPrevented).toBe(false);
    expect(callbacks.dismiss).not.toHaveBeenCalled();
  });

  it('shows the offline note as a disclosure beside the quota, and can take it away', () => {
    const { assist } = view();

    assist.setOfflineNote({ label: 'Offline model — rough drafts', help: 'Connect a provider.' });

    const note = document.querySelector<HTMLDetailsElement>('.wab-ai-field__bar details')!;
    expect(note.querySelector('summary')!.textContent).toBe('Offline model — rough drafts');
    expect(note.querySelector('p')!.textContent).toBe('Connect a provider.');
    expect(note.open).toBe(false);
    assist.setOfflineNote(null);
    expect(document.querySelector('.wab-offline-note')).toBe(null);
  });

  it('adds a button per library prompt and hides the own action when asked', () => {
    const { assist, callbacks } = view();
    assist.setRunLabel('Generate');

    assist.setPrompts(['Punchy title', 'Question title']);
    buttonNamed('Question title').click();
    assist.setBusy(true);
    buttonNamed('Punchy title').click();

    expect(callbacks.runPrompt.mock.calls).toEqual([[1]]);
    expect(buttonNamed('Punchy title').getAttribute('aria-disabled')).toBe('true');
    assist.setBusy(false);
    expect(buttonNamed('Punchy title').hasAttribute('aria-disabled')).toBe(false);
    expect(assist.offersActions).toBe(true);
    assist.setOwnAction(false);
    expect(buttonNamed('Generate').hidden).toBe(true);
    expect(assist.offersActions).toBe(true);
    assist.setPrompts([]);
    expect(buttonNamed('Punchy title')).toBeUndefined();
    expect(assist.offersActions).toBe(false);
  });

  it('gives the keyboard back to the prompt button that asked when the list closes', () => {
    const { assist, callbacks } = view();
    callbacks.dismiss.mockImplementation(() => {
      assist.hideCandidates();
    });
    assist.setPrompts(['Punchy title']);
    buttonNamed('Punchy title').focus();
    buttonNamed('Punchy title').click();
    assist.showCandidates([{ text: 'First', count: 5, lostEntities: 0 }], 60, 0);
    expect(document.activeElement).toBe(buttonNamed('Use suggestion 1'));

    buttonNamed('Dismiss').focus();
    buttonNamed('Dismiss').click();

    expect(document.activeElement).toBe(buttonNamed('Punchy title'));
  });

  it('shows errors in an alert', () => {
    const { assist } = view();

    assist.showError('Too many requests.');
    expect(document.querySelector('[role=alert]')!.textContent).toBe('Too many requests.');
    assist.clearError();
    expect(document.querySelector('[role=alert]')!.textContent).toBe('');
  });
});

describe('formatCount', () => {
  it('counts against the limit when there is one', () => {
    expect(formatCount(42, 60)).toBe('42 / 60 characters');
    expect(formatCount(1, null)).toBe('1 character');
  });
});
