/**
 * 'visits.reportPdf': the printable visit report, in the language asked for: the dossier, the
 * visit's facts, participants, checklist, observations, conclusion, and each photo with its date
 * taken and GPS position. Photos are scaled down for print so that the PDF stays small.
 */
import sharp from 'sharp';
import { LOCALES, type Language, type ResultOf } from '../../../shared/contract';
import type { Visit, VisitPhoto } from '../../../shared/domain/visit';
import { createTranslator } from '../../../shared/i18n/translator';
import { formatCalendarDate } from '../../../shared/i18n/phrases';
import { photoFacts } from '../../../shared/i18n/visit-phrases';
import type { CoreContext } from '../context';
import { DocumentWriter } from '../documents';
import { getDossier } from '../dossiers/get';
import { visitChecklist } from '../reference/programme';
import { getVisit } from './store';

/** Long side of a photo in the PDF: sharp at 300 dpi over the text width of an A4 page. */
const PRINT_SIZE_PX = 1600;

function formatInstant(instant: string, language: Language): string {
  return new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(new Date(instant));
}

async function printable(ctx: CoreContext, photo: VisitPhoto): Promise<Buffer> {
  return sharp(ctx.blobs.read(photo.sha256, photo.name))
    .resize(PRINT_SIZE_PX, PRINT_SIZE_PX, { fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 82 })
    .toBuffer();
}

export async function visitReportPdf(ctx: CoreContext, visitId: string, language: Language): Promise<ResultOf<'visits.reportPdf'>> {
  const visit: Visit = getVisit(ctx.db, visitId);
  const dossier = getDossier(ctx, visit.dossierId);
  const { t } = createTranslator(language);
  const dash = '—';
  const visitDate = visit.date ? formatCalendarDate(visit.date, language) : dash;

  const doc = await DocumentWriter.create({
    title: t('visits.report.title'),
    language,
    createdAt: ctx.clock(),
    author: ctx.actor.name,
    subject: t('visits.report.subtitle', { number: dossier.number, company: dossier.demandeur.raisonSociale }),
  });
  doc.title(t('visits.report.title'), t('visits.report.subtitle', { number: dossier.number, company: dossier.demandeur.raisonSociale }));

  doc.heading(t('visits.report.dossier')).facts([
    { label: t('visits.report.number'), value: String(dossier.number) },
    { label: t('visits.report.company'), value: dossier.demandeur.raisonSociale },
    { label: t('visits.report.siret'), value: dossier.demandeur.siret },
    { label: t('visits.report.project'), value: dossier.projet.title },
    { label: t('visits.report.territory'), value: dossier.projet.territoryName },
    { label: t('visits.report.site'), value: dossier.projet.siteCommuneName },
  ]);

  doc.heading(t('visits.report.visit')).facts([
    { label: t('visits.fields.date'), value: visitDate },
    { label: t('visits.fields.place'), value: visit.place },
    { label: t('visits.report.writtenBy'), value: visit.createdBy },
    { label: t('visits.report.updatedAt'), value: formatInstant(visit.updatedAt, language) },
  ]);

  doc.heading(t('visits.participants.title'));
  const participants = visit.participants.filter((p) => p.name.trim() || p.role.trim());
  if (participants.length === 0) doc.paragraph(t('visits.participants.none'), { muted: true });
  else doc.table([{ header: t('visits.participants.name'), weight: 1 }, { header: t('visits.participants.role'), weight: 1.4 }], participants.map((p) => [p.name, p.role]));

  doc.heading(t('visits.checklist.title')).table(
    [
      { header: t('visits.checklist.item'), weight: 3 },
      { header: t('visits.checklist.status'), weight: 1.1 },
      { header: t('visits.checklist.remark'), weight: 2.4 },
    ],
    visitChecklist().map((item) => {
      const answer = visit.checklist[item.id];
      return [item.label[language], answer?.status ? t(`visits.checklist.statuses.${answer.status}`) : t('visits.checklist.unanswered'), answer?.remark ?? ''];
    }),
  );

  doc.heading(t('visits.fields.observations')).paragraph(visit.observations.trim() || dash);
  doc.heading(t('visits.fields.conclusion')).paragraph(visit.conclusion.trim() || dash);

  doc.heading(t('visits.photos.title'));
  if (visit.photos.length === 0) doc.paragraph(t('visits.photos.empty'), { muted: true });
  for (const [index, photo] of visit.photos.entries()) {
    const { taken, position } = photoFacts(t, photo, language);
    const caption = [t('visits.report.photoCaption', { index: index + 1, name: photo.name }), taken, position].join(' — ');
    await doc.image(await printable(ctx, photo), { caption, maxHeight: 300 });
  }

  const bytes = await doc.save();
  return {
    fileName: t('visits.report.fileName', { number: dossier.number, date: visit.date ?? visit.createdAt.slice(0, 10) }),
    mimeType: 'application/pdf',
    sizeBytes: bytes.byteLength,
    base64: Buffer.from(bytes).toString('base64'),
  };
}
