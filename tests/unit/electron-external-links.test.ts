/** Which links the Electron app hands to the system's browser: https to a few exact hosts, nothing else. */
import { describe, expect, it } from 'vitest';
import { EXTERNAL_LINK_HOSTS, externalLinkFor } from '../../electron/main/external-links';

describe('external links', () => {
  it.each([
    'https://www.demarches-simplifiees.fr/dossiers/123',
    'https://annuaire-entreprises.data.gouv.fr/etablissement/35600000000048',
    'https://www.legifrance.gouv.fr/loda/id/JORFTEXT000036721893',
    'https://citoyens.telerecours.fr/',
    'HTTPS://WWW.LEGIFRANCE.GOUV.FR/',
  ])('opens %s', (url) => {
    expect(externalLinkFor(url)).toBe(new URL(url).href);
  });

  it.each([
    ['http, not https', 'http://www.demarches-simplifiees.fr/'],
    ['a file', 'file:///etc/passwd'],
    ['a program handler', 'ms-msdt:/id PCWDiagnostic'],
    ['javascript', 'javascript:alert(1)'],
    ['a smb share', 'smb://attacker.example/share'],
    ['a host not on the list', 'https://example.org/'],
    ['a look-alike suffix', 'https://www.demarches-simplifiees.fr.evil.example/'],
    ['a subdomain not on the list', 'https://evil.www.legifrance.gouv.fr/'],
    ['the bare domain', 'https://demarches-simplifiees.fr/'],
    ['credentials', 'https://user:pass@www.legifrance.gouv.fr/'],
    ['a user name hiding the host', 'https://www.legifrance.gouv.fr@evil.example/'],
    ['another port', 'https://www.legifrance.gouv.fr:8443/'],
    ['not an address', 'not a url'],
    ['an overlong address', `https://www.legifrance.gouv.fr/${'a'.repeat(3000)}`],
  ])('refuses %s', (_why, url) => {
    expect(externalLinkFor(url)).toBeNull();
  });

  it('lists only https hosts, in lower case, without wildcards', () => {
    for (const host of EXTERNAL_LINK_HOSTS) expect(host).toMatch(/^[a-z0-9.-]+\.[a-z]+$/);
  });
});
