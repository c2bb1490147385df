/**
 * The layers of DESIGN.md, checked on every import of the repository (static imports, re-exports,
 * dynamic imports and require calls, as TypeScript's pre-processor reads them).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const SOURCE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;

interface Import {
  /** The importing file, relative to the repository. */
  file: string;
  specifier: string;
  /** For a relative specifier, the imported path relative to the repository. */
  target: string | null;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const child = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(child);
    return SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts') ? [child] : [];
  });
}

function importsOf(file: string): Import[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(path.join(ROOT, file), 'utf8'), true, true);
  return importedFiles.map(({ fileName: specifier }) => ({
    file,
    specifier,
    target: specifier.startsWith('.') ? path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier)) : null,
  }));
}

function importsUnder(dir: string): Import[] {
  return sourceFiles(dir).flatMap(importsOf);
}

const isElectronPackage = ({ specifier }: Import) => specifier === 'electron' || specifier.startsWith('electron/');
const isNodeBuiltin = ({ specifier }: Import) => isBuiltin(specifier);
const targetsUnder =
  (...dirs: string[]) =>
  ({ target }: Import) =>
    target !== null && dirs.some((dir) => target === dir || target.startsWith(`${dir}/`));

const show = (imports: Import[]) => imports.map(({ file, specifier }) => `${file} → ${specifier}`);

describe('layers', () => {
  it('reads imports of every kind', () => {
    const found = ts.preProcessFile(
      "import a from './a'; export * from '../b'; const c = require('c'); void import('node:fs');",
      true,
      true,
    ).importedFiles.map((f) => f.fileName);
    expect(found).toEqual(['./a', '../b', 'c', 'node:fs']);
  });

  it('electron/core never imports Electron nor the hosts', () => {
    const core = importsUnder('electron/core');
    expect(core.length).toBeGreaterThan(0);
    const wrong = core.filter(
      (i) => isElectronPackage(i) || targetsUnder('electron/main', 'electron/preload', 'electron/host', 'electron/cli')(i),
    );
    expect(show(wrong)).toEqual([]);
  });

  it('renderer imports only its own files, shared/ and browser packages', () => {
    const renderer = importsUnder('renderer/src');
    expect(renderer.length).toBeGreaterThan(0);
    const wrong = renderer.filter(
      (i) => isElectronPackage(i) || isNodeBuiltin(i) || (i.target !== null && !targetsUnder('renderer', 'shared')(i)),
    );
    expect(show(wrong)).toEqual([]);
  });

  it('shared imports neither Node, Electron, electron/ nor renderer/', () => {
    const shared = importsUnder('shared');
    expect(shared.length).toBeGreaterThan(0);
    const wrong = shared.filter(
      (i) => isElectronPackage(i) || isNodeBuiltin(i) || targetsUnder('electron', 'renderer')(i),
    );
    expect(show(wrong)).toEqual([]);
  });

  it('electron/preload imports only Electron and shared (it runs sandboxed, beside the page)', () => {
    const preload = importsUnder('electron/preload');
    expect(preload.length).toBeGreaterThan(0);
    const wrong = preload.filter((i) => !isElectronPackage(i) && !targetsUnder('electron/preload', 'shared')(i));
    expect(show(wrong)).toEqual([]);
  });

  it('server (the hub) imports only its own files, shared, the demo generator of electron/core/demo and the reference data of electron/core/reference', () => {
    const server = importsUnder('server');
    expect(server.length).toBeGreaterThan(0);
    const wrong = server.filter((i) => isElectronPackage(i) || (i.target !== null && !targetsUnder('server', 'shared', 'electron/core/demo', 'electron/core/reference')(i)));
    expect(show(wrong)).toEqual([]);
  });

  it('only the command line reaches the hub: nothing else of electron/, renderer/ or shared/ imports server/', () => {
    const others = ['electron/core', 'electron/main', 'electron/preload', 'electron/host', 'renderer/src', 'shared'].flatMap(importsUnder);
    expect(show(others.filter(targetsUnder('server')))).toEqual([]);
  });

  it('electron/main imports only Electron, core and shared', () => {
    const main = importsUnder('electron/main');
    expect(main.length).toBeGreaterThan(0);
    const wrong = main.filter((i) => i.target !== null && !targetsUnder('electron/main', 'electron/core', 'shared')(i));
    expect(show(wrong)).toEqual([]);
  });
});
