/**
 * The renderer never turns text into HTML: applicant data (form fields, messages, file names) is
 * only ever rendered by React as text. Any HTML sink in renderer/src must be on the list below,
 * with why it is safe.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const RENDERER_SRC = path.resolve(__dirname, '../../renderer/src');

/** Ways to put a string into the DOM as markup, or to run a string as code. */
const SINKS = [
  /dangerouslySetInnerHTML/,
  /\.innerHTML\b/,
  /\.outerHTML\s*=/,
  /insertAdjacentHTML/,
  /document\.write/,
  /createContextualFragment/,
  /\bsrcDoc\b/,
  /\bnew Function\s*\(/,
  /\beval\s*\(/,
  /parseFromString\([^)]*text\/html/,
];

/** `path:line` → why it is safe. Empty: the renderer has no HTML sink. */
const JUSTIFIED: Record<string, string> = {};

/** The code of a line, without its comment: comments may name a sink to say it is not used. */
function codeOf(line: string): string {
  const trimmed = line.trim();
  if (trimmed.startsWith('//') || trimmed.startsWith('/*') || trimmed.startsWith('*')) return '';
  return line.replace(/\s\/\/.*$/, '');
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(tsx?|jsx?)$/.test(entry.name) ? [full] : [];
  });
}

describe('renderer HTML sinks', () => {
  it('renderer/src has none outside the justified list', () => {
    const files = sourceFiles(RENDERER_SRC);
    expect(files.length).toBeGreaterThan(20);
    const found = files.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, index) =>
          SINKS.some((sink) => sink.test(codeOf(line))) ? [`${path.relative(RENDERER_SRC, file)}:${index + 1}`] : [],
        ),
    );
    expect(found.filter((where) => !(where in JUSTIFIED))).toEqual([]);
  });

  it('the sink patterns catch what they are meant to', () => {
    const samples = [
      '<div dangerouslySetInnerHTML={{ __html: value }} />',
      'node.innerHTML = value;',
      "el.insertAdjacentHTML('beforeend', value)",
      '<iframe srcDoc={value} />',
      "new DOMParser().parseFromString(value, 'text/html')",
    ];
    for (const sample of samples) expect(SINKS.some((sink) => sink.test(codeOf(sample)))).toBe(true);
    expect(codeOf('  // no eval (PostScript functions are interpreted)')).toBe('');
    expect(codeOf("  node.innerHTML = value; // a comment")).toBe('  node.innerHTML = value;');
  });
});
