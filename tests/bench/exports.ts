/**
 * export_zip_ms: the median time to export one dossier with 10 pieces as a ZIP (form PDF, pieces,
 * annotations, visits, journal, manifest), through the contract as the desk calls it.
 */
import { v7 as uuidv7 } from 'uuid';
import { dispatch } from '../../electron/core/dispatch';
import { importDossiers } from '../../electron/core/dossiers/import';
import type { Session } from '../../electron/core/session';
import type { DossierImport } from '../../shared/domain/dossier';
import { median, round, timeRuns } from './stats';

const PIECES = 10;

/** A copy of the case file's first dossier, under a new id and number, with ten of the case file's blobs as pieces. */
function dossierWithTenPieces(session: Session): DossierImport {
  const { db } = session.ctx;
  const source = JSON.parse(db.prepare<[], string>('SELECT json FROM dossier_source ORDER BY dossier_seq LIMIT 1').pluck().get()!) as DossierImport;
  const blobs = db
    .prepare<[number], { sha256: string; sizeBytes: number; mimeType: string }>(
      "SELECT sha256, size_bytes AS sizeBytes, mime_type AS mimeType FROM blob WHERE mime_type = 'application/pdf' ORDER BY sha256 LIMIT ?",
    )
    .all(PIECES);
  if (blobs.length < PIECES) throw new Error(`the case file holds ${blobs.length} PDF blobs, the export bench needs ${PIECES}`);
  const maxNumber = db.prepare<[], number>('SELECT max(number) FROM dossier').pluck().get()!;
  return {
    ...source,
    id: uuidv7(),
    number: maxNumber + 1,
    pieces: blobs.map((blob, index) => ({ id: uuidv7(), name: `piece-${index + 1}.pdf`, kind: 'autre', ...blob })),
  };
}

export async function benchExports(session: Session): Promise<{ export_zip_ms: number }> {
  const dossier = dossierWithTenPieces(session);
  importDossiers(session.ctx, [dossier]);
  const runs = await timeRuns(
    15,
    async () => {
      const envelope = await dispatch(session.handlers, 'exports.dossierZip', { id: dossier.id }, { validateResults: false });
      if (!envelope.ok) throw new Error(`exports.dossierZip: ${JSON.stringify(envelope.error)}`);
    },
    3,
  );
  return { export_zip_ms: round(median(runs), 1) };
}
