/** The dossier's signed decisions for the export: each act as signed, its bytes checked against the hash the journal keeps. */
import type { CoreContext } from '../context';
import { decisionsOf } from '../decisions/store';
import type { ArchiveFile } from './archive';
import { UniqueNames } from './safe-names';

export function decisionFiles(ctx: CoreContext, dossierId: string): ArchiveFile[] {
  const names = new UniqueNames();
  return decisionsOf(ctx.db, dossierId).flatMap((decision) => {
    const signature = decision.signatures.at(-1);
    if (!signature) return [];
    const name = names.claim(`${decision.content.type}-${decision.content.reference}.pdf`, 'decision.pdf');
    return [{ path: `decisions/${name}`, bytes: ctx.blobs.read(signature.pdfSha256), sha256: signature.pdfSha256 }];
  });
}
