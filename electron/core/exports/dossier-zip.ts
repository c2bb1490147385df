/**
 * 'exports.dossierZip': everything Relais holds on one dossier, in one ZIP an instructor can hand
 * over or file: the form as PDF, every piece under a safe and unique name, the annotations (JSON
 * and PDF), the visit reports with their photos, the signed decisions, the journal as CSV and
 * JSON, and manifest.json with the SHA-256 of each file. A piece whose blob is damaged is left out
 * and named in the manifest, so that one bad file does not block the export.
 */
import type { ResultOf } from '../../../shared/contract';
import { RelaisError } from '../../../shared/errors';
import { createTranslator } from '../../../shared/i18n/translator';
import type { CoreContext } from '../context';
import { getDossier } from '../dossiers/get';
import { getPreferences } from '../preferences';
import { annotationFiles } from './annotation-files';
import { decisionFiles } from './decision-files';
import { zipWithManifest, type ArchiveFile } from './archive';
import { dossierFormPdf } from './form-pdf';
import { dossierJournalFiles } from './journal-files';
import { UniqueNames } from './safe-names';
import { visitFiles } from './visit-files';

const ZIP_MIME_TYPE = 'application/zip';

export async function exportDossierZip(ctx: CoreContext, id: string): Promise<ResultOf<'exports.dossierZip'>> {
  const dossier = getDossier(ctx, id);
  const { language } = getPreferences(ctx);
  const { t } = createTranslator(language);
  const files: ArchiveFile[] = [];
  const unreadable: { name: string; sha256: string }[] = [];

  const pieceNames = new UniqueNames();
  const pieceFiles = new Map<string, string>();
  for (const piece of dossier.pieces) {
    let bytes: Buffer;
    try {
      bytes = ctx.blobs.read(piece.sha256, piece.name);
    } catch (error) {
      if (!(error instanceof RelaisError && error.code === 'piece_unreadable')) throw error;
      unreadable.push({ name: piece.name, sha256: piece.sha256 });
      continue;
    }
    const path = `pieces/${pieceNames.claim(piece.name, 'piece')}`;
    pieceFiles.set(piece.id, path);
    files.push({ path, bytes, sha256: piece.sha256 });
  }

  files.unshift({ path: 'formulaire.pdf', bytes: await dossierFormPdf(ctx, { dossier, pieceFiles, language, t }) });
  files.push(...(await annotationFiles(ctx, dossier, language, t)), ...(await visitFiles(ctx, id, language)), ...decisionFiles(ctx, id));
  const journal = dossierJournalFiles(ctx, id);
  files.push({ path: 'journal/journal.json', bytes: journal.json }, { path: 'journal/journal.csv', bytes: journal.csv });

  const exportedAt = ctx.clock();
  const bytes = await zipWithManifest(
    files,
    {
      dossier: { id: dossier.id, number: dossier.number },
      exportedAt: exportedAt.toISOString(),
      exportedBy: ctx.actor,
      relaisVersion: ctx.version,
      unreadablePieces: unreadable,
    },
    exportedAt,
  );
  return { name: `dossier-${dossier.number}.zip`, mimeType: ZIP_MIME_TYPE, base64: Buffer.from(bytes).toString('base64'), sizeBytes: bytes.byteLength };
}
