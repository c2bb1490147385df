/**
 * The dossier's form as a PDF, for the ZIP export: the company, the project, the procedure, the
 * amounts with the cost lines and financing plan, the legal checks, every form field by section,
 * and the list of pieces with the name each has in the archive.
 */
import type { TFunction } from 'i18next';
import type { DossierDetail, Language } from '../../../shared/contract';
import { formatEuros } from '../../../shared/domain/money';
import { formatCalendarDate } from '../../../shared/i18n/phrases';
import { checkSentence } from '../../../shared/rules/checks/sentence';
import type { CoreContext } from '../context';
import { DocumentWriter } from '../documents';

export interface FormPdfInput {
  dossier: DossierDetail;
  /** The archive path of each piece, by piece id. */
  pieceFiles: ReadonlyMap<string, string>;
  language: Language;
  t: TFunction;
}

export async function dossierFormPdf(ctx: CoreContext, { dossier, pieceFiles, language, t }: FormPdfInput): Promise<Uint8Array> {
  const date = (value: string | null) => (value ? formatCalendarDate(value, language) : t('common.none'));
  const euros = (cents: number) => formatEuros(cents, language);
  const { demandeur, projet, finance, dates } = dossier;
  const title = t('dossier.title', { number: dossier.number });
  const writer = await DocumentWriter.create({ title, language, createdAt: ctx.clock(), author: ctx.actor.name, subject: projet.title });

  writer.title(title, `${projet.title} — ${demandeur.raisonSociale}`);
  writer.paragraph(t('exports.form.exportedBy', { date: formatCalendarDate(dossier.today, language), actor: ctx.actor.name, version: ctx.version }), { muted: true, size: 9 });

  writer.heading(t('synthese.demandeur'));
  writer.facts([
    { label: t('synthese.raisonSociale'), value: demandeur.raisonSociale },
    // Grouped as on official papers, with no-break spaces so the number never splits across lines.
    { label: t('synthese.siret'), value: demandeur.siret.replace(/^(\d{3})(\d{3})(\d{3})(\d{5})$/, '$1\u00A0$2\u00A0$3\u00A0$4') },
    { label: t('synthese.naf'), value: `${demandeur.nafCode} — ${demandeur.nafLabel}` },
    { label: t('synthese.size'), value: t(`sizes.${demandeur.size}`) },
    { label: t('synthese.address'), value: `${demandeur.address.line}, ${demandeur.address.postalCode} ${demandeur.address.communeName}` },
  ]);

  writer.heading(t('synthese.projet'));
  writer.facts([
    { label: t('synthese.projectTitle'), value: projet.title },
    { label: t('synthese.summary'), value: projet.summary },
    { label: t('synthese.volet'), value: String(projet.volet) },
    { label: t('synthese.valueChain'), value: projet.valueChain },
    { label: t('synthese.site'), value: t('synthese.siteValue', { name: projet.siteCommuneName, insee: projet.siteCommuneInsee }) },
    { label: t('synthese.territory'), value: projet.territoryName },
    { label: t('synthese.region'), value: projet.regionName },
    { label: t('synthese.planned'), value: t('synthese.plannedRange', { start: date(projet.plannedStart), end: date(projet.plannedEnd) }) },
  ]);

  writer.heading(t('synthese.procedure'));
  writer.facts([
    { label: t('exports.form.state'), value: t(`states.${dossier.state}`) },
    { label: t('synthese.receivedAt'), value: date(dates.receivedAt.slice(0, 10)) },
    { label: t('synthese.arDate'), value: date(dates.arDate) },
    { label: t('synthese.admissibilityNotifiedOn'), value: date(dates.admissibilityNotifiedOn) },
    { label: t('synthese.instructor'), value: dossier.assignedInstructor ? `${dossier.assignedInstructor.name} <${dossier.assignedInstructor.email}>` : '' },
    { label: t('synthese.labels'), value: dossier.labels.join(', ') },
  ]);

  writer.heading(t('synthese.amounts'));
  const totalCost = finance.costLines.reduce((sum, line) => sum + line.amountCents, 0);
  writer.facts([
    { label: t('synthese.amountRequested'), value: euros(finance.amountRequestedCents) },
    { label: t('synthese.eligibleBase'), value: euros(finance.eligibleBaseCents) },
    { label: t('synthese.totalCost'), value: euros(totalCost) },
  ]);
  if (finance.costLines.length > 0) {
    writer.heading(t('exports.form.costLines'), 2);
    writer.table(
      [
        { header: t('exports.form.costLine'), weight: 5 },
        { header: t('exports.form.eligible'), weight: 1 },
        { header: t('synthese.amount'), weight: 2, align: 'right' },
      ],
      finance.costLines.map((line) => [line.label, t(line.eligible ? 'exports.form.yes' : 'exports.form.no'), euros(line.amountCents)]),
    );
  }
  if (finance.financingPlan.length > 0) {
    writer.heading(t('synthese.financingPlan'), 2);
    writer.table(
      [
        { header: t('synthese.funder'), weight: 4 },
        { header: t('synthese.fundingKind'), weight: 2 },
        { header: t('synthese.amount'), weight: 2, align: 'right' },
      ],
      finance.financingPlan.map((source) => [source.funder, t(`fundingKinds.${source.kind}`), euros(source.amountCents)]),
    );
  }

  writer.heading(t('checks.title'));
  writer.paragraph(t('checks.countedFrom', { date: formatCalendarDate(dossier.today, language) }), { muted: true, size: 9 });
  writer.table(
    [
      { header: t('exports.form.check'), weight: 3 },
      { header: t('exports.form.verdict'), weight: 2 },
      { header: t('exports.form.due'), weight: 2 },
      { header: t('exports.form.explanation'), weight: 6 },
    ],
    dossier.checks.map((check) => [
      `${t(`checks.names.${check.id}`)}\n${check.basis}`,
      t(`checks.status.${check.status}`),
      check.due ? date(check.due) : '—',
      checkSentence(t, check, language),
    ]),
  );

  writer.heading(t('dossier.tabs.formulaire'));
  if (dossier.champs.length === 0) writer.paragraph(t('formulaire.empty'));
  for (const [section, champs] of groupBySection(dossier.champs)) {
    writer.heading(section, 2);
    writer.facts(champs.map((champ) => ({ label: champ.label, value: champ.value || t('formulaire.emptyValue') })));
  }

  writer.heading(t('pieces.caption'));
  if (dossier.pieces.length === 0) writer.paragraph(t('pieces.empty'));
  else {
    writer.table(
      [
        { header: t('pieces.name'), weight: 4 },
        { header: t('pieces.kind'), weight: 2 },
        { header: t('exports.form.archiveFile'), weight: 4 },
      ],
      dossier.pieces.map((piece) => [piece.name, t(`pieceKinds.${piece.kind}`), pieceFiles.get(piece.id) ?? '—']),
    );
  }
  return writer.save();
}

function groupBySection<T extends { section: string }>(items: readonly T[]): Map<string, T[]> {
  const sections = new Map<string, T[]>();
  for (const item of items) {
    const list = sections.get(item.section) ?? [];
    list.push(item);
    sections.set(item.section, list);
  }
  return sections;
}
