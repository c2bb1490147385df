import { describe, expect, it } from 'vitest';
import { safeFileName, UniqueNames } from '../../electron/core/exports/safe-names';

describe('exports: a name from outside is data, never a path', () => {
  it.each([
    ['devis.pdf', 'devis.pdf'],
    ['../../etc/passwd', 'etc_passwd'],
    ['..', 'piece'],
    ['...', 'piece'],
    ['a/b\\c.pdf', 'a_b_c.pdf'],
    ['C:\\Windows\\system32.dll', 'C__Windows_system32.dll'],
    ['..\\..\\boot.ini', 'boot.ini'],
    ['rapport..final.pdf', 'rapport.final.pdf'],
    ['.bashrc', 'bashrc'],
    ['nom avec espace final.pdf   ', 'nom avec espace final.pdf'],
    ['bell\u0007\nline.pdf', 'bell__line.pdf'],
    ['quoi?<>|*".pdf', 'quoi______.pdf'],
    ['CON', '_CON'],
    ['nul.txt', '_nul.txt'],
    ['', 'piece'],
    ['Devis équipé.pdf', 'Devis équipé.pdf'],
    ['e\u0301te\u0301.pdf', 'été.pdf'],
  ])('%j → %j', (raw, safe) => {
    expect(safeFileName(raw, 'piece')).toBe(safe);
  });

  it('shortens a long name but keeps its extension', () => {
    const name = safeFileName(`${'x'.repeat(300)}.pdf`, 'piece');
    expect([...name].length).toBe(120);
    expect(name.endsWith('.pdf')).toBe(true);
  });

  it('numbers names that collide, whatever their case', () => {
    const names = new UniqueNames();
    expect(['devis.pdf', 'Devis.PDF', 'devis.pdf', '../devis.pdf', 'sans extension', 'sans extension'].map((raw) => names.claim(raw, 'piece'))).toEqual([
      'devis.pdf',
      'Devis (2).PDF',
      'devis (3).pdf',
      'devis (4).pdf',
      'sans extension',
      'sans extension (2)',
    ]);
  });
});
