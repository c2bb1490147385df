/** Turns a zod failure into the fields at fault, as every transport reports them. */
import { z } from 'zod';
import { RelaisError, type FieldIssue } from '../../shared/errors';

export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

export function invalidArguments(error: z.ZodError): RelaisError {
  const issues = fieldIssues(error);
  const details = issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join('; ');
  return new RelaisError('invalid_arguments', { details }, issues);
}

/** Parses with the schema, or throws 'invalid_arguments' naming the fields at fault. */
export function parseArguments<T>(schema: z.ZodType<T>, raw: unknown): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw invalidArguments(parsed.error);
  return parsed.data;
}
