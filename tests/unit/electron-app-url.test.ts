/** Electron's app://relais/ origin: which URLs are the app's, and which files they may reach. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAppUrl, rendererFileFor } from '../../electron/main/app-url';

const ROOT = path.resolve('/opt/relais/out/renderer');

describe('app://relais/', () => {
  it.each([
    ['app://relais/index.html', true],
    ['app://relais/', true],
    ['app://relais.evil/index.html', false],
    ['app://evil/index.html', false],
    ['https://relais/index.html', false],
    ['file:///opt/relais/out/renderer/index.html', false],
    ['not a url', false],
    [undefined, false],
  ])('%s is the app: %s', (url, expected) => {
    expect(isAppUrl(url)).toBe(expected);
  });

  it('maps the root to index.html and paths to files of the build', () => {
    expect(rendererFileFor(ROOT, 'app://relais/')).toBe(path.join(ROOT, 'index.html'));
    expect(rendererFileFor(ROOT, 'app://relais/assets/index-abc.js?v=1#x')).toBe(path.join(ROOT, 'assets/index-abc.js'));
    expect(rendererFileFor(ROOT, 'app://relais/dsfr/fonts/Marianne%20Bold.woff2')).toBe(
      path.join(ROOT, 'dsfr/fonts/Marianne Bold.woff2'),
    );
  });

  it.each([
    'app://relais/..%2f..%2fpackage.json',
    'app://relais/%2e%2e%2f%2e%2e%2fetc/passwd',
    'app://relais/assets/..%2f..%2f..%2fmain/index.js',
    'app://relais/assets/..%2f',
    'app://relais/bad%zzescape',
    'app://relais/nul%00.html',
    'app://other/index.html',
  ])('refuses %s', (url) => {
    expect(rendererFileFor(ROOT, url)).toBeNull();
  });
});
