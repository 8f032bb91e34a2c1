/**
 * A word diff between the original text and the AI's answer, for the preview.
 *
 * Texts are split into words, runs of whitespace and single punctuation marks;
 * the longest common subsequence of those tokens is kept as `equal`. Very long
 * texts (where the table would be too big) fall back to "all removed, all added".
 */

export type DiffPart = { type: 'equal' | 'insert' | 'delete'; text: string };

/** Above this many table cells the diff gives up on detail. */
const MAX_CELLS = 4_000_000;

const TOKEN = /\s+|[\p{L}\p{N}\p{M}_]+(?:['’-][\p{L}\p{N}\p{M}_]+)*|[^\s]/gu;

export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** The parts that turn `before` into `after`, in order; adjacent parts of one type are merged. */
export function wordDiff(before: string, after: string): DiffPart[] {
  const a = tokenize(before);
  const b = tokenize(after);

  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }

  const parts: DiffPart[] = [];
  const push = (type: DiffPart['type'], text: string): void => {
    if (!text) return;
    const last = parts[parts.length - 1];
    if (last?.type === type) last.text += text;
    else parts.push({ type, text });
  };

  push('equal', a.slice(0, start).join(''));
  for (const [type, token] of middle(a.slice(start, endA), b.slice(start, endB))) {
    push(type, token);
  }
  push('equal', a.slice(endA).join(''));
  return parts;
}

type Step = [DiffPart['type'], string];

/** The edit script between two token lists (no common prefix or suffix). */
function middle(a: string[], b: string[]): Step[] {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0 || (n + 1) * (m + 1) > MAX_CELLS) {
    return [...a.map((t): Step => ['delete', t]), ...b.map((t): Step => ['insert', t])];
  }

  // lcs[i * (m + 1) + j]: length of the LCS of a[i:] and b[j:].
  const width = m + 1;
  const lcs = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * width + j] =
        a[i] === b[j]
          ? (lcs[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(lcs[(i + 1) * width + j] ?? 0, lcs[i * width + j + 1] ?? 0);
    }
  }

  const script: Step[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      script.push(['equal', a[i] as string]);
      i++;
      j++;
    } else if ((lcs[(i + 1) * width + j] ?? 0) >= (lcs[i * width + j + 1] ?? 0)) {
      script.push(['delete', a[i++] as string]);
    } else {
      script.push(['insert', b[j++] as string]);
    }
  }
  while (i < n) script.push(['delete', a[i++] as string]);
  while (j < m) script.push(['insert', b[j++] as string]);
  return group(absorbLoneSpaces(script));
}

/**
 * A lone whitespace token kept as "equal" between two changes makes the diff
 * choppy ("~~a~~ ~~b~~ c d"): count it as removed and added instead.
 */
function absorbLoneSpaces(script: Step[]): Step[] {
  return script.flatMap((step, k): Step[] => {
    const prev = script[k - 1];
    const next = script[k + 1];
    const lone =
      step[0] === 'equal' &&
      /^\s+$/.test(step[1]) &&
      prev !== undefined &&
      next !== undefined &&
      prev[0] !== 'equal' &&
      next[0] !== 'equal';
    return lone
      ? [
          ['delete', step[1]],
          ['insert', step[1]],
        ]
      : [step];
  });
}

/** Within each change, all deletions first, then all insertions: "~~old words~~ new words". */
function group(script: Step[]): Step[] {
  const grouped: Step[] = [];
  let deletes: Step[] = [];
  let inserts: Step[] = [];
  const flush = (): void => {
    grouped.push(...deletes, ...inserts);
    deletes = [];
    inserts = [];
  };
  for (const step of script) {
    if (step[0] === 'delete') deletes.push(step);
    else if (step[0] === 'insert') inserts.push(step);
    else {
      flush();
      grouped.push(step);
    }
  }
  flush();
  return grouped;
}
