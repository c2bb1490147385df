/**
 * The PDF of an act: the authority's heading, place and date, reference and object, the
 * template's visas, considérants and numbered articles filled from the content, the signatory
 * (CRPA L212-1) above an empty signature field, and the routes and delays of appeal. PDF/A-3b with
 * the decision's data attached as decision.json; laid out in the document worker.
 */
import { addMonths } from '../../../shared/domain/dates';
import type { DecisionContent, DecisionContentOf, DecisionType, Signatory } from '../../../shared/domain/decision';
import { formatEuros } from '../../../shared/domain/money';
import { fillVariables } from '../../../shared/domain/template-text';
import { formatPercent } from '../../../shared/i18n/phrases';
import { ratePercent } from '../../../shared/rules/checks/rate';
import { DocumentWriter } from '../documents';
import { authorityOf, loadAuthorities, type Authority } from './authority';
import { loadDecisionTemplate, type DecisionTemplate, type DecisionVariables } from './templates';

/** The name of the field a signer fills (the first empty one it finds). */
export const SIGNATURE_FIELD = 'Signature';
/** Room for the visible signature block: name, title, date, « signé électroniquement ». */
const SIGNATURE_HEIGHT = 84;
/** What a preview shows where the instructor has not written a text the act needs. */
const TO_COMPLETE = '[à compléter]';

const FRENCH_LONG_DATE = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' });

/** A calendar date as an act writes it: « 26 novembre 2026 », « 1er mars 2026 ». */
function longDate(date: string): string {
  return FRENCH_LONG_DATE.format(new Date(`${date}T00:00:00Z`)).replace(/^1 /, '1er ');
}

function orToComplete(text: string): string {
  return text.trim() || TO_COMPLETE;
}

function commonVariables(content: DecisionContent, authority: Authority, minister: string) {
  const { dossier } = content;
  return {
    reference: content.reference,
    date_acte: longDate(content.date),
    lieu: authority.seat,
    autorite: authority.authority,
    ministre: minister,
    tribunal: authority.tribunal,
    entreprise: dossier.company,
    siret: dossier.siret,
    adresse: dossier.address.join(', '),
    numero_dossier: String(dossier.number),
    projet: dossier.projectTitle,
    remarques: content.remarks.trim(),
  };
}

function attributionVariables(content: DecisionContentOf<'attribution'>, template: DecisionTemplate) {
  const { payment, amountCents } = content;
  const phrases = template.defaults ?? {};
  const advance = {
    montant_avance: formatEuros(payment.advanceCents, 'fr'),
    taux_avance: amountCents > 0 ? formatPercent(ratePercent(payment.advanceCents, amountCents, true), 'fr') : TO_COMPLETE,
    garantie: payment.bankGuarantee ? (phrases.guarantee ?? '') : '',
  };
  return {
    depense_eligible: formatEuros(content.eligibleExpenditureCents, 'fr'),
    taux: formatPercent(content.rateBasisPoints / 100, 'fr'),
    montant: formatEuros(amountCents, 'fr'),
    fondement_aide: content.stateAidBasis,
    visas_complementaires: content.extraVisas.join('\n'),
    date_debut: longDate(content.worksStartOn),
    date_achevement: longDate(content.completionOn),
    ...advance,
    // The advance's own sentence, or the one that says there is none.
    avance: payment.advanceCents > 0 ? fillVariables(phrases.advance ?? '{{montant_avance}}', advance) : (phrases.noAdvance ?? ''),
    acomptes: orToComplete(payment.instalments),
    solde: orToComplete(payment.balance),
    reversement: orToComplete(content.repayment),
  };
}

/** Every variable of the act's template, filled from its content. */
function decisionVariables<T extends DecisionType>(content: DecisionContentOf<T>, template: DecisionTemplate): DecisionVariables<T> {
  const authorities = loadAuthorities();
  const common = commonVariables(content, authorityOf(content.dossier.regionCode), authorities.minister);
  const specific = ((): Record<string, string> => {
    const act = content as DecisionContent;
    switch (act.type) {
      case 'accuse-reception':
        return {
          date_reception: longDate(act.receivedOn),
          date_recevabilite: longDate(act.admissibilityDue),
          delai_instruction: `${act.instructionMonths} mois`,
          date_limite_decision: longDate(addMonths(act.date, act.instructionMonths)),
        };
      case 'demande-pieces':
        return {
          pieces: act.missingPieces.length > 0 ? act.missingPieces.map((piece) => `– ${piece}`).join('\n') : TO_COMPLETE,
          date_reponse: longDate(act.answerBy),
        };
      case 'attribution':
        return attributionVariables(act, template);
      case 'refus':
        return { motifs_droit: orToComplete(act.reasonsOfLaw), motifs_fait: orToComplete(act.reasonsOfFact) };
      case 'sans-suite':
        return { motif: orToComplete(act.reason) };
    }
  })();
  return { ...common, ...specific } as DecisionVariables<T>;
}

/** « Article 1er », « Article 2 »… */
function articleHeading(number: number): string {
  return number === 1 ? 'Article 1er' : `Article ${number}`;
}

function signatoryLines(signatory: Signatory): string {
  const title = signatory.title.charAt(0).toLocaleUpperCase('fr') + signatory.title.slice(1);
  return [signatory.delegation, `${title},`, '', `${signatory.firstName} ${signatory.lastName.toLocaleUpperCase('fr')}`]
    .filter((line): line is string => line !== null)
    .join('\n');
}

export async function renderDecisionPdf(content: DecisionContent, options: { now: Date; data?: unknown }): Promise<Uint8Array> {
  const template = loadDecisionTemplate(content.type);
  const authorities = loadAuthorities();
  const authority = authorityOf(content.dossier.regionCode);
  const variables: Record<string, string> = decisionVariables(content, template);
  const fill = (text: string) => fillVariables(text, variables);
  const title = fill(template.title);

  const writer = await DocumentWriter.create({
    title: `${title} n° ${content.reference}`,
    language: 'fr',
    createdAt: options.now,
    author: content.authority.join(', '),
    subject: fill(template.object),
    data:
      options.data === undefined
        ? undefined
        : { fileName: 'decision.json', description: 'Les données de la décision telles que Relais les a enregistrées', json: options.data },
  });

  writer.paragraph('RÉPUBLIQUE FRANÇAISE', { bold: true, size: 11 });
  writer.paragraph('Liberté\nÉgalité\nFraternité', { muted: true, size: 8.5 });
  writer.paragraph(content.authority.join('\n'), { bold: true });
  writer.paragraph(`${authority.seat}, le ${longDate(content.date)}`, { align: 'right' });
  if (template.letter) writer.paragraph([content.dossier.company, ...content.dossier.address].join('\n'), { column: 'right' });
  writer.paragraph(`Référence : ${content.reference}\nDossier n° ${content.dossier.number}`, { muted: true, size: 9 });
  writer.paragraph(`Objet : ${fill(template.object)}`, { bold: true });
  writer.title(title, `n° ${content.reference}`);

  let article = 0;
  for (const part of template.parts) {
    if (part.when !== undefined && !variables[part.when]) continue;
    const text = fill(part.text);
    switch (part.kind) {
      case 'heading':
        writer.heading(text, 2);
        break;
      case 'paragraph':
        writer.paragraph(text, { bold: part.bold, align: part.align, keepWithNext: part.keepWithNext });
        break;
      case 'article':
        article += 1;
        writer.heading(articleHeading(article), 2);
        writer.paragraph(text);
        break;
    }
  }

  writer.paragraph(signatoryLines(content.signatory), { column: 'right' });
  writer.signatureField(SIGNATURE_FIELD, SIGNATURE_HEIGHT);

  const appealVariables = {
    ...variables,
    objet_recours: fill(template.appeal.subject),
    point_depart: fill(template.appeal.from),
  };
  writer.heading(authorities.appealRoutes.heading, 2);
  for (const paragraph of authorities.appealRoutes.paragraphs) writer.paragraph(fillVariables(paragraph, appealVariables), { size: 9 });
  return writer.save();
}
