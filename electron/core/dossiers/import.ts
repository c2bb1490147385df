/**
 * 'dossier.import': a dossier as the hub (or the demo) sends it, written with its list columns,
 * labels, form fields, pieces and full-text row. Local work (the followed flag) survives a re-import.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { parisDate } from '../../../shared/domain/dates';
import { currentDeadline } from '../../../shared/domain/deadlines';
import type { DossierImport } from '../../../shared/domain/dossier';
import { NO_INSTRUCTION_FACTS, type InstructionExtension } from '../../../shared/domain/instruction';
import { computeChecks } from '../../../shared/rules/checks';
import { RelaisError } from '../../../shared/errors';
import { dossiers as syncedDossiers } from '../../../shared/sync/mutations';
import type { CoreContext } from '../context';
import { statementsFor } from '../db/statements';
import { defineSyncedMutation, mutationCall, runMutations } from '../mutations';
import { foldText } from '../search/fold';
import { instructionFactsOf } from '../instruction/facts';
import { storeDossierChecks } from './check-columns';
import { reviewChangedProposals } from '../decisions/review';

/** Dossiers per transaction: large enough to amortise the commit's fsync, small enough to show progress. */
export const IMPORT_BATCH_SIZE = 500;

const statements = statementsFor((db: Database) => ({
  existing: db.prepare<[string], { seq: number; updated_at: string }>('SELECT seq, updated_at FROM dossier WHERE id = ?'),
  upsert: db
    .prepare(
      `INSERT INTO dossier (id, number, state, demandeur_name, demandeur_sort, siret, projet_title, projet_sort,
         territory_id, territory_name, territory_sort, region_code, region_name, volet, amount_requested_cents,
         due_date, due_kind, received_at, ar_date, assigned_email, updated_at)
       VALUES (@id, @number, @state, @demandeurName, @demandeurSort, @siret, @projetTitle, @projetSort,
         @territoryId, @territoryName, @territorySort, @regionCode, @regionName, @volet, @amountRequestedCents,
         @dueDate, @dueKind, @receivedAt, @arDate, @assignedEmail, @updatedAt)
       ON CONFLICT (id) DO UPDATE SET number = excluded.number, state = excluded.state,
         demandeur_name = excluded.demandeur_name, demandeur_sort = excluded.demandeur_sort, siret = excluded.siret,
         projet_title = excluded.projet_title, projet_sort = excluded.projet_sort, territory_id = excluded.territory_id,
         territory_name = excluded.territory_name, territory_sort = excluded.territory_sort,
         region_code = excluded.region_code, region_name = excluded.region_name, volet = excluded.volet,
         amount_requested_cents = excluded.amount_requested_cents, due_date = excluded.due_date,
         due_kind = excluded.due_kind, received_at = excluded.received_at, ar_date = excluded.ar_date,
         assigned_email = excluded.assigned_email, updated_at = excluded.updated_at
       RETURNING seq`,
    )
    .pluck(),
  source: db.prepare<[number, string]>(
    'INSERT INTO dossier_source (dossier_seq, json) VALUES (?, ?) ON CONFLICT (dossier_seq) DO UPDATE SET json = excluded.json',
  ),
  clearLabels: db.prepare<[number]>('DELETE FROM dossier_label WHERE dossier_seq = ?'),
  clearChamps: db.prepare<[number]>('DELETE FROM champ WHERE dossier_seq = ?'),
  clearPieces: db.prepare<[number]>('DELETE FROM piece WHERE dossier_seq = ?'),
  clearFts: db.prepare<[number]>('DELETE FROM dossier_fts WHERE rowid = ?'),
  label: db.prepare<[number, string]>('INSERT OR IGNORE INTO dossier_label (dossier_seq, label) VALUES (?, ?)'),
  champ: db.prepare<[number, number, string, string, string]>(
    'INSERT INTO champ (dossier_seq, position, section, label, value) VALUES (?, ?, ?, ?, ?)',
  ),
  blobExists: db.prepare<[string], number>('SELECT 1 FROM blob WHERE sha256 = ?').pluck(),
  piece: db.prepare<[string, number, number, string, string, string, number, string]>(
    'INSERT INTO piece (id, dossier_seq, position, name, kind, mime_type, size_bytes, sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ),
  fts: db.prepare<[number, string, string, string, string, string]>(
    'INSERT INTO dossier_fts (rowid, number, demandeur, projet, territory, champs) VALUES (?, ?, ?, ?, ?, ?)',
  ),
}));

/**
 * The rows of one dossier, without validation, journal or transaction: only for the mutation
 * below, and for the benchmark's baseline of plain prepared inserts of the same rows.
 */
export function writeDossier(
  db: Database,
  dossier: DossierImport,
  replacing: boolean,
  extensions: readonly InstructionExtension[] = [],
): number {
  const s = statements(db);
  const { demandeur, projet, dates } = dossier;
  const deadline = currentDeadline(dossier.state, dates.receivedAt, dates.arDate, extensions);
  const seq = s.upsert.get({
    id: dossier.id,
    number: dossier.number,
    state: dossier.state,
    demandeurName: demandeur.raisonSociale,
    demandeurSort: foldText(demandeur.raisonSociale),
    siret: demandeur.siret,
    projetTitle: projet.title,
    projetSort: foldText(projet.title),
    territoryId: projet.territoryId,
    territoryName: projet.territoryName,
    territorySort: foldText(projet.territoryName),
    regionCode: projet.regionCode,
    regionName: projet.regionName,
    volet: projet.volet,
    amountRequestedCents: dossier.finance.amountRequestedCents,
    dueDate: deadline?.due ?? null,
    dueKind: deadline?.kind ?? null,
    receivedAt: dates.receivedAt,
    arDate: dates.arDate,
    assignedEmail: dossier.assignedInstructor?.email ?? null,
    updatedAt: dossier.updatedAt,
  }) as number;

  if (replacing) {
    s.clearLabels.run(seq);
    s.clearChamps.run(seq);
    s.clearPieces.run(seq);
    s.clearFts.run(seq);
  }
  s.source.run(seq, JSON.stringify(dossier));
  for (const label of dossier.labels) s.label.run(seq, label);
  dossier.champs.forEach((champ, position) => s.champ.run(seq, position, champ.section, champ.label, champ.value));
  dossier.pieces.forEach((piece, position) => {
    if (!s.blobExists.get(piece.sha256)) {
      throw new RelaisError('piece_blob_missing', { name: piece.name, number: dossier.number, sha256: piece.sha256 });
    }
    s.piece.run(piece.id, seq, position, piece.name, piece.kind, piece.mimeType, piece.sizeBytes, piece.sha256);
  });
  s.fts.run(
    seq,
    String(dossier.number),
    [demandeur.raisonSociale, demandeur.siret, demandeur.nafLabel, demandeur.address.communeName].join('\n'),
    [projet.title, projet.summary, projet.valueChain].join('\n'),
    [projet.territoryName, projet.siteCommuneName, projet.regionName].join('\n'),
    dossier.champs.map((champ) => champ.value).join('\n'),
  );
  return seq;
}

// The hub makes imports; a desk only replays them (or the demo writes its own).
export const importDossier = defineSyncedMutation(syncedDossiers.importDossier, {
  outbox: false,
  apply(ctx, dossier) {
    const existing = statements(ctx.db).existing.get(dossier.id);
    // A re-imported dossier keeps the facts recorded on it: its deadline and checks follow them.
    const facts = existing ? instructionFactsOf(ctx.db, existing.seq) : NO_INSTRUCTION_FACTS;
    const seq = writeDossier(ctx.db, dossier, existing !== undefined, facts.extensions);
    storeDossierChecks(ctx.db, seq, computeChecks(dossier, parisDate(ctx.clock()), facts));
    return {
      dossierId: dossier.id,
      before: existing ? { updatedAt: existing.updated_at } : null,
      after: { updatedAt: dossier.updatedAt, state: dossier.state },
      result: { id: dossier.id },
    };
  },
  // The journal records that a version arrived; the dossier itself is in the case file.
  journalArgs: (dossier) => ({ id: dossier.id, number: dossier.number, updatedAt: dossier.updatedAt }),
});

/**
 * Imports in transactions of IMPORT_BATCH_SIZE dossiers; a failing dossier undoes only its batch.
 * Checkpoints wait for the end: each batch rewrites the same index pages, and copying them back
 * into the case file after every batch would cost more than the inserts.
 */
export function importDossiers(
  ctx: CoreContext,
  dossiers: readonly DossierImport[],
  onProgress?: (imported: number, total: number) => void,
): void {
  const autoCheckpoint = ctx.db.pragma('wal_autocheckpoint', { simple: true }) as number;
  ctx.db.pragma('wal_autocheckpoint = 0');
  try {
    for (let start = 0; start < dossiers.length; start += IMPORT_BATCH_SIZE) {
      const batch = dossiers.slice(start, start + IMPORT_BATCH_SIZE);
      runMutations(ctx, batch.map((dossier) => mutationCall(importDossier, dossier)));
      reviewChangedProposals(ctx, batch.map((dossier) => dossier.id));
      onProgress?.(start + batch.length, dossiers.length);
    }
  } finally {
    ctx.db.pragma(`wal_autocheckpoint = ${autoCheckpoint}`);
    ctx.db.pragma('wal_checkpoint(TRUNCATE)');
  }
}
