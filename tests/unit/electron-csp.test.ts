/**
 * The renderer's Content-Security-Policy (index.html's <meta>, also sent as a header by app://
 * and the browser host): nothing inline, nothing evaluated, nothing remote. The only inline
 * style allowed is react-dsfr's color-scheme rule, by hash, and the hashes must match what the
 * installed react-dsfr injects.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rendererCsp, securityHeaders } from '../../electron/core/security-headers';

const ROOT = path.resolve(__dirname, '../..');
const policy = rendererCsp(path.join(ROOT, 'renderer/index.html'));
const directives = new Map(
  policy.split(';').map((directive) => {
    const [name, ...sources] = directive.trim().split(/\s+/);
    return [name!, sources] as const;
  }),
);

/** The style react-dsfr writes into <head> before the first paint, for both schemes. */
function dsfrColorSchemeHashes(): string[] {
  const source = readFileSync(path.join(ROOT, 'node_modules/@codegouvfr/react-dsfr/early-color-scheme.js'), 'utf8');
  const template = /innerHTML = `(:root \{ color-scheme: )\$\{isDark \? "dark" : "light"\}(; \})`/.exec(source);
  expect(template, 'react-dsfr still injects its color-scheme style the same way').not.toBeNull();
  return ['dark', 'light'].map(
    (scheme) => `'sha256-${createHash('sha256').update(`${template![1]}${scheme}${template![2]}`).digest('base64')}'`,
  );
}

describe('renderer CSP', () => {
  it('allows nothing inline or evaluated, and nothing remote', () => {
    for (const sources of directives.values()) {
      for (const forbidden of ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "'wasm-unsafe-eval'", '*', 'http:', 'https:']) {
        expect(sources).not.toContain(forbidden);
      }
    }
  });

  it('loads scripts, fonts and connections from the app itself only', () => {
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('font-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it("allows as inline style only react-dsfr's color-scheme rule, by its hashes", () => {
    const styles = directives.get('style-src') ?? [];
    expect(styles[0]).toBe("'self'");
    expect(styles.slice(1).sort()).toEqual(dsfrColorSchemeHashes().sort());
  });

  it('goes out with headers that refuse framing, sniffing and every device permission', () => {
    const headers = securityHeaders(policy);
    expect(headers['content-security-policy']).toBe(policy);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['x-frame-options']).toBe('DENY');
    const permissions = new Map(headers['permissions-policy']!.split(', ').map((entry) => entry.split('=') as [string, string]));
    for (const feature of ['camera', 'microphone', 'geolocation', 'display-capture']) expect(permissions.get(feature)).toBe('()');
  });
});
