/**
 * The dossier's annotations for the export: annotations.json (every annotation with all its
 * versions, removed ones included: the export is the record) and annotations.pdf to read them.
 */
import type { TFunction } from 'i18next';
import type { Language } from '../../../shared/contract';
import type { Annotation } from '../../../shared/domain/annotation';
import { annotationsOfDossier } from '../annotations/read';
import { dossierSeqOf } from '../dossiers/seq';
import type { CoreContext } from '../context';
import { DocumentWriter } from '../documents';
import type { ArchiveFile } from './archive';
import { formatInstant } from './instant';

const SECTIONS = [
  { kind: 'note', title: 'annotations.notesTitle' },
  { kind: 'field', title: 'annotations.fieldsTitle' },
  { kind: 'region', title: 'annotations.regionsTitle' },
] as const;

export async function annotationFiles(ctx: CoreContext, dossier: { id: string; number: number }, language: Language, t: TFunction): Promise<ArchiveFile[]> {
  const annotations = annotationsOfDossier(ctx.db, dossierSeqOf(ctx.db, dossier.id), { includeRemoved: true });
  const json = new TextEncoder().encode(`${JSON.stringify(annotations, null, 2)}\n`);

  const title = t('exports.annotations.title', { number: dossier.number });
  const writer = await DocumentWriter.create({ title, language, createdAt: ctx.clock(), author: ctx.actor.name });
  writer.title(title, t('annotations.private'));
  if (annotations.length === 0) writer.paragraph(t('annotations.empty'));
  for (const section of SECTIONS) {
    const ofKind = annotations.filter((annotation) => annotation.target.kind === section.kind);
    if (ofKind.length === 0) continue;
    writer.heading(t(section.title));
    for (const annotation of ofKind) {
      writer.heading(targetOf(annotation, language, t), 2);
      for (const version of annotation.versions) {
        writer.paragraph(t('annotations.versionLine', { version: version.version, who: version.by, when: formatInstant(version.at, language) }), { muted: true, size: 9 });
        writer.paragraph(version.removed ? t('annotations.removedVersion') : version.text);
      }
    }
  }
  return [
    { path: 'annotations/annotations.json', bytes: json },
    { path: 'annotations/annotations.pdf', bytes: await writer.save() },
  ];
}

function targetOf(annotation: Annotation, language: Language, t: TFunction): string {
  const { target } = annotation;
  const label = annotation.targetLabel ?? '';
  if (target.kind === 'field') return t('annotations.field.target', { label });
  if (target.kind === 'region') return t('annotations.region.target', { page: target.page, piece: label });
  return t('annotations.byline', { who: annotation.createdBy, when: formatInstant(annotation.createdAt, language) });
}
