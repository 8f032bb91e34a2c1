import { describe, expect, it, vi } from 'vitest';

import { AssistView, formatCount } from './view';

function view() {
  const callbacks = { run: vi.fn(), retry: vi.fn(), dismiss: vi.fn(), use: vi.fn() };
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

  it('disables its buttons and says so while busy', () => {
    const { assist } = view();

    assist.setBusy(true);

    expect(buttonNamed('Try again').disabled).toBe(true);
    expect(document.querySelector('[role=status]')!.textContent).toBe(
      'Asking the AI for suggestions…',
    );
    expect(assist.root.getAttribute('aria-busy')).toBe('true');
    assist.setBusy(false);
    expect(document.querySelector('[role=status]')!.textContent).toBe('');
  });

  it('keeps the run button disabled when it cannot run, busy or not', () => {
    const { assist } = view();
    const run = document.querySelector<HTMLButtonElement>('.wab-ai-field__run')!;

    assist.setRunnable(false);
    assist.setBusy(true);
    assist.setBusy(false);

    expect(run.disabled).toBe(true);
    assist.setRunnable(true);
    expect(run.disabled).toBe(false);
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
