/** DS message and avis bodies become plain text: markup dropped, line breaks and entities kept as characters. */
import { describe, expect, it } from 'vitest';
import { plainText } from '../../renderer/src/ds/plainText';

describe('plainText', () => {
  it('keeps the lines of DS’s editor and drops every tag', () => {
    expect(plainText('<p>Bonjour,<br>le devis <b>actualisé</b> est joint.</p><p>Cordialement</p>')).toBe('Bonjour,\nle devis actualisé est joint.\nCordialement');
  });

  it('reads entities back as characters, and leaves unknown ones as written', () => {
    expect(plainText('R&amp;D &lt;2 M€&gt; &#8211; &#x2019;ok&apos; &nbsp;x &bogus;')).toBe('R&D <2 M€> – ’ok\' \u00a0x &bogus;');
  });

  it('never turns an entity into markup that would then be read as a tag', () => {
    // The text shown is the characters; React escapes them, nothing is parsed again.
    expect(plainText('&lt;img src=x onerror=alert(1)&gt;')).toBe('<img src=x onerror=alert(1)>');
  });

  it('leaves plain text as it is, apart from surrounding blank lines', () => {
    expect(plainText('\n\nMerci, le dossier est complet.\n\n\n\nÀ bientôt\n')).toBe('Merci, le dossier est complet.\n\nÀ bientôt');
  });
});
