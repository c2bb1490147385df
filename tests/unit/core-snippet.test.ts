import { describe, expect, it } from 'vitest';
import { phrasesOf, snippetOf, SNIPPET_TOKENS } from '../../electron/core/search/snippet';
import { MATCH_END as E, MATCH_START as S } from '../../shared/contract';

describe('snippetOf', () => {
  it('marks prefix matches whatever their accents and case', () => {
    expect(snippetOf('Remplacement de la Chaudière gaz', phrasesOf('chaudiere'))).toBe(`Remplacement de la ${S}Chaudière${E} gaz`);
    expect(snippetOf('Pompe à chaleur', phrasesOf('CHAL pompe'))).toBe(`${S}Pompe${E} à ${S}chaleur${E}`);
  });

  it('matches a word with an apostrophe as a phrase of its tokens', () => {
    expect(snippetOf('Extension de l’usine de Cholet', phrasesOf("l'usine"))).toBe(`Extension de ${S}l’usine${E} de Cholet`);
  });

  it('shows a window of words around the matches, with ellipses where text was cut', () => {
    const words = Array.from({ length: 40 }, (_, i) => `mot${i}`);
    words[20] = 'biomasse';
    const snippet = snippetOf(words.join(' '), phrasesOf('biomasse'))!;
    expect(snippet).toBe(`…mot17 mot18 mot19 ${S}biomasse${E} mot21 mot22 mot23 mot24 mot25 mot26 mot27 mot28…`);
    expect(snippet.replace(/…/g, '').split(' ')).toHaveLength(SNIPPET_TOKENS);
  });

  it('prefers the window that holds the most different words', () => {
    const text = `four ${'x '.repeat(30)}four électrique`;
    expect(snippetOf(text, phrasesOf('four electrique'))).toContain(`${S}four${E} ${S}électrique${E}`);
  });

  it('matches a single character only as a whole word', () => {
    expect(snippetOf('avant à après', phrasesOf('à'))).toBe(`avant ${S}à${E} après`);
    expect(snippetOf('avant après', phrasesOf('a'))).toBeNull();
  });

  it('returns null when no word occurs', () => {
    expect(snippetOf('Ligne de découpe laser', phrasesOf('chaudière'))).toBeNull();
  });
});
