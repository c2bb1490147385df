/**
 * The per-dossier changes a bulk action is made of (follow is 'dossier.setFollowed'). Each names
 * the batch it belongs to, so the journal and the hub see which changes went together.
 */
import type { DossierImport, DossierState } from '../../../shared/domain/dossier';
import { RelaisError } from '../../../shared/errors';
import { dossiers, type DossierStateChange } from '../../../shared/sync/mutations';
import type { CoreContext } from '../context';
import { statementsFor } from '../db/statements';
import { refreshDossierChecks } from '../dossiers/refresh-checks';
import { defineSyncedMutation } from '../mutations';

interface DossierKey {
  seq: number;
  number: number;
  state: DossierState;
}

const statements = statementsFor((db) => ({
  dossier: db.prepare<[string], DossierKey>('SELECT seq, number, state FROM dossier WHERE id = ?'),
  labels: db.prepare<[number], string>('SELECT label FROM dossier_label WHERE dossier_seq = ? ORDER BY label').pluck(),
  addLabel: db.prepare<[number, string]>('INSERT OR IGNORE INTO dossier_label (dossier_seq, label) VALUES (?, ?)'),
  removeLabel: db.prepare<[number, string]>('DELETE FROM dossier_label WHERE dossier_seq = ? AND label = ?'),
  source: db.prepare<[number], string>('SELECT json FROM dossier_source WHERE dossier_seq = ?').pluck(),
  writeSource: db.prepare<[string, number]>('UPDATE dossier_source SET json = ? WHERE dossier_seq = ?'),
  assign: db.prepare<[string | null, number]>('UPDATE dossier SET assigned_email = ? WHERE seq = ?'),
  setState: db.prepare<[DossierState, number]>('UPDATE dossier SET state = ? WHERE seq = ?'),
}));

function dossierOf(ctx: CoreContext, id: string): DossierKey {
  const dossier = statements(ctx.db).dossier.get(id);
  if (!dossier) throw new RelaisError('not_found', { what: `dossier ${id}` });
  return dossier;
}

/** The dossier as imported: a local change is written back into it too, since the page reads it. */
function readSource(ctx: CoreContext, seq: number): DossierImport {
  return JSON.parse(statements(ctx.db).source.get(seq)!) as DossierImport;
}

function writeSource(ctx: CoreContext, seq: number, dossier: DossierImport): void {
  statements(ctx.db).writeSource.run(JSON.stringify(dossier), seq);
}

function labelMutation(synced: typeof dossiers.addLabel, add: boolean) {
  return defineSyncedMutation(synced, {
    apply(ctx, { id, label }) {
      const s = statements(ctx.db);
      const { seq } = dossierOf(ctx, id);
      const before = s.labels.all(seq);
      if (add) s.addLabel.run(seq, label);
      else s.removeLabel.run(seq, label);
      return { dossierId: id, before: { labels: before }, after: { labels: s.labels.all(seq) }, result: null };
    },
  });
}

export const addLabel = labelMutation(dossiers.addLabel, true);
export const removeLabel = labelMutation(dossiers.removeLabel, false);

export const assignDossier = defineSyncedMutation(dossiers.assign, {
  apply(ctx, { id, instructor }) {
    const { seq } = dossierOf(ctx, id);
    const dossier = readSource(ctx, seq);
    const before = dossier.assignedInstructor;
    writeSource(ctx, seq, { ...dossier, assignedInstructor: instructor });
    statements(ctx.db).assign.run(instructor?.email ?? null, seq);
    return { dossierId: id, before: { instructor: before }, after: { instructor }, result: null };
  },
});

/**
 * Moves a dossier from one state to another, with its current deadline and checks (also used by
 * signed decisions). Replayed from the hub, it follows the state the hub accepted whatever this
 * desk's was.
 */
export function stateMutation({ from, to, ...synced }: DossierStateChange) {
  return defineSyncedMutation(synced, {
    apply(ctx, { id }) {
      const { seq, number, state } = dossierOf(ctx, id);
      if (state !== from && ctx.origin !== 'hub') throw new RelaisError('dossier_wrong_state', { number, state });
      const dossier: DossierImport = { ...readSource(ctx, seq), state: to };
      writeSource(ctx, seq, dossier);
      statements(ctx.db).setState.run(to, seq);
      refreshDossierChecks(ctx, seq, dossier);
      return { dossierId: id, before: { state }, after: { state: to }, result: null };
    },
  });
}

export const passToInstruction = stateMutation(dossiers.passToInstruction);
/** The undo of the former: DS's "repasser en construction". */
export const backToConstruction = stateMutation(dossiers.backToConstruction);
