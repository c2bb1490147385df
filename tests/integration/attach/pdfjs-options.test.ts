/**
 * Every place that opens a PDF with pdf.js does it with eval off and XFA off, and nothing ever
 * creates pdf.js's scripting manager (the only way a document's JavaScript would run): read from
 * the sources, so a new call that forgets it fails here. tests/e2e/attach.spec.ts shows a script
 * that would rewrite a form field staying unrun in the viewer.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../../..');

function sources(): Array<{ file: string; text: string }> {
  return ['electron', 'renderer/src', 'server', 'shared'].flatMap((dir) =>
    readdirSync(path.join(ROOT, dir), { recursive: true })
      .map(String)
      .filter((file) => /\.tsx?$/.test(file) && !file.endsWith('.d.ts'))
      .map((file) => ({ file: path.join(dir, file), text: readFileSync(path.join(ROOT, dir, file), 'utf8') })),
  );
}

/** The object literal given to each getDocument call. */
function getDocumentCalls(text: string): string[] {
  return [...text.matchAll(/getDocument\(\{([\s\S]*?)\}\)/g)].map((match) => match[1]!);
}

describe('pdf.js options', () => {
  const all = sources();

  it('opens every PDF with isEvalSupported and enableXfa false', () => {
    const calls = all.flatMap(({ file, text }) => getDocumentCalls(text).map((options) => ({ file, options })));
    expect(calls.map((call) => call.file).sort()).toEqual(['electron/core/pdf/extract-text.ts', 'renderer/src/pdf/PdfViewer.tsx']);
    for (const { options } of calls) {
      expect(options).toMatch(/isEvalSupported: false/);
      expect(options).toMatch(/enableXfa: false/);
    }
  });

  it('never creates a scripting manager, nor turns scripting on', () => {
    const offending = all.filter(({ text }) => /new PDFScriptingManager|enableScripting:\s*true|scriptingManager:/.test(text)).map(({ file }) => file);
    expect(offending).toEqual([]);
  });
});
