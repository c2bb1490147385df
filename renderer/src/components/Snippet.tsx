import { MATCH_END, MATCH_START } from '../../../shared/contract';

export interface SnippetPart {
  text: string;
  match: boolean;
}

/** Splits the server's snippet at its match markers; the text is never parsed as HTML. */
export function splitSnippet(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let match = false;
  let text = '';
  for (const char of snippet) {
    if (char === MATCH_START || char === MATCH_END) {
      if (text) parts.push({ text, match });
      text = '';
      match = char === MATCH_START;
    } else {
      text += char;
    }
  }
  if (text) parts.push({ text, match });
  return parts;
}

/**
 * Shortens the text before the first match to its last `keep` characters (from a word start),
 * so the match shows even where the line is cut short.
 */
export function leadToFirstMatch(parts: SnippetPart[], keep = 30): SnippetPart[] {
  const [first, ...rest] = parts;
  if (!first || first.match || rest.length === 0 || first.text.length <= keep) return parts;
  const tail = first.text.slice(-keep);
  const wordStart = tail.indexOf(' ');
  return [{ text: `…${wordStart >= 0 ? tail.slice(wordStart + 1) : tail}`, match: false }, ...rest];
}

export function Snippet({ snippet, className }: { snippet: string; className?: string }) {
  return (
    <span className={className}>
      {leadToFirstMatch(splitSnippet(snippet)).map((part, index) =>
        part.match ? <mark key={index}>{part.text}</mark> : part.text,
      )}
    </span>
  );
}
