/** Response of `POST <pages><id>/related`. Python: `Suggestions.as_dict` (related/suggest.py). */
export interface RelatedSuggestion {
  id: number;
  title: string;
  /** Cosine similarity with embeddings; null when the search backend answered. */
  score: number | null;
  edit_url: string;
}

export interface RelatedAnswer {
  source: 'embeddings' | 'search';
  /** Which one answered, for the editor ("OpenAI (text-embedding-3-small)"). */
  answered_by: string;
  /** Why embeddings did not answer, when they did not. */
  note: string;
  suggestions: RelatedSuggestion[];
}

export function isRelatedAnswer(
  value: Record<string, unknown>,
): value is RelatedAnswer & Record<string, unknown> {
  return (
    (value.source === 'embeddings' || value.source === 'search') &&
    typeof value.answered_by === 'string' &&
    Array.isArray(value.suggestions)
  );
}
