/** 'bulk.instructors': who the dossiers are assigned to, each once, by name. */
import type { Instructor } from '../../../shared/domain/dossier';
import type { CoreContext } from '../context';
import { statementsFor } from '../db/statements';

const statements = statementsFor((db) => ({
  // One dossier per instructor gives the name (the list keeps only the email).
  instructors: db.prepare<[], Instructor>(
    `SELECT email, (SELECT json_extract(s.json, '$.assignedInstructor.name') FROM dossier_source s WHERE s.dossier_seq = first_seq) AS name
     FROM (SELECT assigned_email AS email, min(seq) AS first_seq FROM dossier WHERE assigned_email IS NOT NULL GROUP BY assigned_email)
     ORDER BY name, email`,
  ),
}));

export function knownInstructors(ctx: CoreContext): Instructor[] {
  return statements(ctx.db).instructors.all();
}

/** The instructor with this email, as the dossiers name them, or null when none is assigned one. */
export function instructorByEmail(ctx: CoreContext, email: string): Instructor | null {
  return knownInstructors(ctx).find((instructor) => instructor.email === email) ?? null;
}
