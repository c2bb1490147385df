/** The dossier's site visits for the export: each visit's printable report and its photos, in a folder per visit. */
import type { Language } from '../../../shared/contract';
import type { CoreContext } from '../context';
import { visitReportPdf } from '../visits/report';
import { visitsOf } from '../visits/store';
import type { ArchiveFile } from './archive';
import { UniqueNames } from './safe-names';

export async function visitFiles(ctx: CoreContext, dossierId: string, language: Language): Promise<ArchiveFile[]> {
  const files: ArchiveFile[] = [];
  const folders = new UniqueNames();
  for (const visit of visitsOf(ctx.db, dossierId)) {
    const folder = `visites/${folders.claim(`visite-${visit.date ?? visit.createdAt.slice(0, 10)}`, 'visite')}`;
    const report = await visitReportPdf(ctx, visit.id, language);
    files.push({ path: `${folder}/${new UniqueNames().claim(report.fileName, 'rapport.pdf')}`, bytes: Buffer.from(report.base64, 'base64') });
    const photoNames = new UniqueNames();
    for (const photo of visit.photos) {
      files.push({ path: `${folder}/photos/${photoNames.claim(photo.name, 'photo')}`, bytes: ctx.blobs.read(photo.sha256, photo.name), sha256: photo.sha256 });
    }
  }
  return files;
}
