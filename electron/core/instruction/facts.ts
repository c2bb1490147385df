/** A dossier's instruction facts as stored (one JSON document per dossier), and the dossier they belong to. */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { DossierImport } from '../../../shared/domain/dossier';
import { InstructionFacts, NO_INSTRUCTION_FACTS } from '../../../shared/domain/instruction';
import { RelaisError } from '../../../shared/errors';
import { statementsFor } from '../db/statements';

const statements = statementsFor((db) => ({
  dossier: db.prepare<[string], { seq: number; json: string }>(
    'SELECT d.seq, s.json FROM dossier d JOIN dossier_source s ON s.dossier_seq = d.seq WHERE d.id = ?',
  ),
  facts: db.prepare<[number], string | undefined>('SELECT json FROM instruction_facts WHERE dossier_seq = ?').pluck(),
  save: db.prepare<[number, string]>(
    'INSERT INTO instruction_facts (dossier_seq, json) VALUES (?, ?) ON CONFLICT (dossier_seq) DO UPDATE SET json = excluded.json',
  ),
}));

export interface StoredDossier {
  seq: number;
  dossier: DossierImport;
}

export function storedDossier(db: Database, id: string): StoredDossier {
  const row = statements(db).dossier.get(id);
  if (!row) throw new RelaisError('not_found', { what: `dossier ${id}` });
  return { seq: row.seq, dossier: JSON.parse(row.json) as DossierImport };
}

/** The facts recorded for a dossier; all empty when none were. */
export function instructionFactsOf(db: Database, seq: number): InstructionFacts {
  const json = statements(db).facts.get(seq);
  // Parsed with the schema: a document written by an older version is read as today's shape.
  return json === undefined ? NO_INSTRUCTION_FACTS : InstructionFacts.parse(JSON.parse(json));
}

export function saveInstructionFacts(db: Database, seq: number, facts: InstructionFacts): void {
  statements(db).save.run(seq, JSON.stringify(facts));
}
