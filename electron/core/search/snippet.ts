/**
 * Snippets built in JavaScript from the stored text: FTS5's snippet() re-runs the match and
 * re-tokenises every column for each row, which costs more than the whole search on a page of
 * 50 common-word hits. The matching mirrors the index: folded tokens, each word a phrase whose
 * last token may be a prefix.
 */
import { MATCH_END, MATCH_START } from '../../../shared/contract';
import { foldText, tokensOf, type Token } from './fold';
import { isPrefixWord, searchWords } from './fts-query';

/** Words of context a snippet shows. */
export const SNIPPET_TOKENS = 12;
/** Words shown before the first match. */
const LEAD_TOKENS = 3;

export interface Phrase {
  tokens: string[];
  prefix: boolean;
}

/** The phrases of a search, as the FTS5 query built from the same text matches them. */
export function phrasesOf(text: string): Phrase[] {
  return searchWords(text)
    .map((word) => ({ tokens: tokensOf(foldText(word)).map((token) => token.text), prefix: isPrefixWord(word) }))
    .filter((phrase) => phrase.tokens.length > 0);
}

function tokenize(text: string, folded: string): Token[] {
  // Folding usually keeps one character for one (é → e): then the folded text gives the tokens
  // and its offsets are the original's. Otherwise each token is folded on its own.
  if (folded.length === text.length) return tokensOf(folded);
  return tokensOf(text).map((token) => ({ ...token, text: foldText(token.text) }));
}

function matchesAt(tokens: Token[], at: number, phrase: Phrase): boolean {
  if (at + phrase.tokens.length > tokens.length) return false;
  return phrase.tokens.every((wanted, k) => {
    const folded = tokens[at + k].text;
    const isLast = k === phrase.tokens.length - 1;
    return isLast && phrase.prefix ? folded.startsWith(wanted) : folded === wanted;
  });
}

interface Occurrence {
  phrase: number;
  first: number;
  last: number;
}

export interface TextMatches {
  text: string;
  tokens: Token[];
  occurrences: Occurrence[];
  /** How many of the search's phrases occur in the text. */
  distinct: number;
}

export function findMatches(text: string, phrases: readonly Phrase[]): TextMatches {
  // Most texts hold none of the words: a substring test spares tokenising them.
  const folded = foldText(text);
  if (!phrases.some((phrase) => folded.includes(phrase.tokens[0]))) return { text, tokens: [], occurrences: [], distinct: 0 };
  const tokens = tokenize(text, folded);
  const occurrences: Occurrence[] = [];
  for (let at = 0; at < tokens.length; at++) {
    phrases.forEach((phrase, index) => {
      if (matchesAt(tokens, at, phrase)) occurrences.push({ phrase: index, first: at, last: at + phrase.tokens.length - 1 });
    });
  }
  return { text, tokens, occurrences, distinct: new Set(occurrences.map((o) => o.phrase)).size };
}

/** The window of SNIPPET_TOKENS words holding the most different phrases, with the matches marked. */
export function renderSnippet({ text, tokens, occurrences }: TextMatches): string {
  let bestStart = 0;
  let bestScore = -1;
  for (const occurrence of occurrences) {
    const start = Math.max(0, Math.min(occurrence.first - LEAD_TOKENS, tokens.length - SNIPPET_TOKENS));
    const inside = occurrences.filter((o) => o.first >= start && o.last < start + SNIPPET_TOKENS);
    const score = new Set(inside.map((o) => o.phrase)).size;
    if (score > bestScore) [bestStart, bestScore] = [start, score];
  }
  const end = Math.min(tokens.length, bestStart + SNIPPET_TOKENS);
  let out = bestStart > 0 ? '…' : '';
  let cursor = tokens[bestStart].start;
  for (const occurrence of occurrences) {
    if (occurrence.first < bestStart || occurrence.last >= end || tokens[occurrence.first].start < cursor) continue;
    out += text.slice(cursor, tokens[occurrence.first].start) + MATCH_START;
    out += text.slice(tokens[occurrence.first].start, tokens[occurrence.last].end) + MATCH_END;
    cursor = tokens[occurrence.last].end;
  }
  out += text.slice(cursor, tokens[end - 1].end);
  return end < tokens.length ? `${out}…` : out;
}

/** The snippet of a text where the phrases occur, or null when none does. */
export function snippetOf(text: string, phrases: readonly Phrase[]): string | null {
  const found = findMatches(text, phrases);
  return found.distinct > 0 ? renderSnippet(found) : null;
}
