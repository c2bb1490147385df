/**
 * The catalogue: English says everything French says, with the same placeholders, and every
 * error code has its sentence. (The TypeScript type already forces the same keys; these checks
 * cover what a type cannot: empty texts, placeholders, plural forms.)
 */
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../shared/errors';
import { en } from '../../shared/i18n/en';
import { fr } from '../../shared/i18n/fr';
import { describeError } from '../../shared/i18n';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') entries.set(path, value);
    else for (const [child, text] of flatten(value, path)) entries.set(child, text);
  }
  return entries;
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1]).sort();
}

const french = flatten(fr as Tree);
const english = flatten(en as Tree);

describe('the French and English catalogues', () => {
  it('have the same keys', () => {
    expect([...english.keys()].sort()).toEqual([...french.keys()].sort());
  });

  it('have no empty text', () => {
    for (const [key, text] of [...french, ...english]) expect(text.trim(), key).not.toBe('');
  });

  it('use the same placeholders for each key', () => {
    for (const [key, text] of french) expect(placeholders(english.get(key) ?? ''), key).toEqual(placeholders(text));
  });

  it('give every plural its "other" form', () => {
    for (const key of french.keys()) {
      if (key.endsWith('_one')) expect(french.has(key.replace(/_one$/, '_other')), key).toBe(true);
    }
  });

  it('have a sentence for every error code', () => {
    for (const code of ERROR_CODES) {
      expect(french.has(`errors.${code}`), code).toBe(true);
      expect(english.has(`errors.${code}`), code).toBe(true);
    }
  });
});

describe('describeError', () => {
  it('fills the sentence with the error parameters and names the fields at fault', () => {
    const translate = (key: string, params?: Record<string, unknown>) => {
      const template = french.get(key) ?? key;
      return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(params?.[name] ?? ''));
    };
    expect(describeError(translate, { code: 'piece_unreadable', params: { name: 'devis.pdf' } })).toBe(
      'La pièce « devis.pdf » est illisible ou endommagée. Le reste du dossier reste consultable.',
    );
    expect(
      describeError(translate, { code: 'invalid_arguments', issues: [{ path: 'sort.column', message: 'invalid option' }] }),
    ).toContain('sort.column');
  });
});
