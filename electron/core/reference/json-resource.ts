/** A resource file read as JSON and checked with its zod schema, as the app's shipped data files are. */
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { RelaisError, type ErrorCode } from '../../../shared/errors';
import { fieldIssues } from '../validation';

/**
 * Reads `file` and parses it with `schema`; throws `code` naming the file and the first field at
 * fault ('(fichier)' when the file cannot be read or is not JSON, '(racine)' for the whole document).
 */
export function readJsonResource<T>(file: string, schema: z.ZodType<T>, code: ErrorCode): T {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new RelaisError(code, { file, field: '(fichier)', message: error instanceof Error ? error.message : String(error) });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issues = fieldIssues(parsed.error);
    const first = issues[0]!;
    throw new RelaisError(code, { file, field: first.path || '(racine)', message: first.message }, issues);
  }
  return parsed.data;
}
