import { describe, expect, it } from 'vitest';
import { frenchTypography } from '../../electron/core/documents/typography';
import { wrapText } from '../../electron/core/documents/wrap';

const N = '\u202F';

describe('documents: French typography', () => {
  it.each([
    ['Objet : demande', `Objet${N}: demande`],
    ['Objet: demande', `Objet${N}: demande`],
    ['Vraiment ?', `Vraiment${N}?`],
    ['Vraiment ?!', `Vraiment${N}?!`],
    ['fini; ensuite', `fini${N}; ensuite`],
    ['« Bonjour »', `«${N}Bonjour${N}»`],
    ['«Bonjour»', `«${N}Bonjour${N}»`],
    ['«Oui»!', `«${N}Oui${N}»${N}!`],
    ['à 10:30', 'à 10:30'],
    ['https://relais.gouv.fr/a?b=1', 'https://relais.gouv.fr/a?b=1'],
    [': en tête de ligne', ': en tête de ligne'],
    [`déjà${N}: espacé`, `déjà${N}: espacé`],
    ['1 250 000 € HT', `1${N}250${N}000\u00A0€ HT`],
    ['35 % du coût', `35${N}% du coût`],
    ['06 12 34 56 78', '06 12 34 56 78'],
    ['article 5 du décret', 'article 5 du décret'],
    ['dossier n° 18420016', 'dossier n°\u00A018420016'],
    ['(SIRET 73282932000074)', '(SIRET\u00A073282932000074)'],
    ['articles L. 211-2 et R. 421-1, art. 8', 'articles L.\u00A0211-2 et R.\u00A0421-1, art.\u00A08'],
    ['M. Dupont', 'M. Dupont'],
  ])('%s', (input, expected) => {
    expect(frenchTypography(input)).toBe(expected);
  });
});

describe('documents: line breaking', () => {
  // One unit per character: widths are easy to reason about.
  const measure = (text: string) => [...text].length;

  it.each([
    { text: 'un deux trois quatre', width: 9, lines: ['un deux', 'trois', 'quatre'] },
    { text: 'un\u00A0deux trois', width: 8, lines: ['un\u00A0deux', 'trois'] },
    { text: 'abcdefghij', width: 4, lines: ['abcd', 'efgh', 'ij'] },
    { text: 'ligne 1\nligne 2', width: 50, lines: ['ligne 1', 'ligne 2'] },
    { text: 'a\r\n\r\nb', width: 50, lines: ['a', '', 'b'] },
    { text: '', width: 5, lines: [''] },
    { text: '😀😀😀', width: 2, lines: ['😀😀', '😀'] },
  ])('$text in $width', ({ text, width, lines }) => {
    expect(wrapText(text, measure, 1, width)).toEqual(lines);
  });
});
