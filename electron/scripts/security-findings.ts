/**
 * Electronegativity's findings against the allow-list of resources/security: a finding passes only
 * when an entry names its check and file and says why it is acceptable; an entry that no longer
 * matches anything is stale and fails too, so the list never outlives the code it excuses.
 */
import { z } from 'zod';

export interface Finding {
  check: string;
  /** Relative to the scanned root, with forward slashes. */
  file: string;
  line: number;
  column: number;
  description: string;
}

const allowEntrySchema = z.object({
  check: z.string().min(1),
  file: z.string().min(1),
  reason: z.string().trim().min(20, 'each entry says why the finding is acceptable'),
});
export const allowListSchema = z.object({ allow: z.array(allowEntrySchema) });
export type AllowEntry = z.infer<typeof allowEntrySchema>;

export interface Verdict {
  unjustified: Finding[];
  stale: AllowEntry[];
}

const matches = (entry: AllowEntry, finding: Finding): boolean =>
  entry.check === finding.check && entry.file === finding.file;

export function judgeFindings(findings: readonly Finding[], allow: readonly AllowEntry[]): Verdict {
  return {
    unjustified: findings.filter((finding) => !allow.some((entry) => matches(entry, finding))),
    stale: allow.filter((entry) => !findings.some((finding) => matches(entry, finding))),
  };
}
