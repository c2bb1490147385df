import { describe, expect, it } from 'vitest';
import { toFtsQuery } from '../../electron/core/search/fts-query';

describe('toFtsQuery', () => {
  it('turns each word into a quoted prefix token, all required', () => {
    expect(toFtsQuery('chaudière biomasse')).toBe('"chaudière"* "biomasse"*');
    expect(toFtsQuery('  four\télectrique \n')).toBe('"four"* "électrique"*');
  });

  it('doubles quotes and leaves FTS5 operators as plain words', () => {
    expect(toFtsQuery('four" OR *')).toBe('"four"""* "OR"*');
    expect(toFtsQuery('NEAR(a b) col:x')).toBe('"NEAR(a"* "b)"* "col:x"*');
  });

  it('matches a single character as a whole word, and only when there is no longer word', () => {
    expect(toFtsQuery('pompe à chaleur')).toBe('"pompe"* "chaleur"*');
    expect(toFtsQuery('à')).toBe('"à"');
  });

  it('returns null when nothing is searchable', () => {
    expect(toFtsQuery('')).toBeNull();
    expect(toFtsQuery(' - * " ')).toBeNull();
  });
});
