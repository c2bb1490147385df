/** The evaluation's sentences in the reader's language: proposals, score lines, verdicts, evidence names. */
import type { TFunction } from 'i18next';
import { LOCALES, type Language } from '../../../shared/contract';
import type { Explanation, Evidence, EvaluationScore, Proposal } from '../../../shared/domain/evaluation';
import type { Localized } from '../../../shared/domain/programme';
import type { Annotation } from '../../../shared/domain/annotation';
import type { PieceView } from '../../../shared/contract';
import { formatCalendarDate } from '../../../shared/i18n/phrases';

type Translate = (key: string, params?: Record<string, unknown>) => string;

/** The programme file is data in both languages: the interface language picks one. */
export function localized(text: Localized, language: Language): string {
  return text[language];
}

/** A sentence of the catalogue picked by the explanation's reason; dates (`…On`) and missing values as the reader expects. */
function sentence(t: TFunction, prefix: string, explanation: Explanation, language: Language): string {
  // The key is built from the reason at run time, beyond what the typed `t` can check.
  const translate = t as unknown as Translate;
  const params = Object.fromEntries(
    Object.entries(explanation).map(([key, value]) => {
      if (value === null) return [key, translate('evaluation.proposal.notGiven')];
      if (typeof value === 'string' && key.endsWith('On')) return [key, formatCalendarDate(value, language)];
      return [key, value];
    }),
  );
  return translate(`${prefix}.${explanation.reason}`, params);
}

export function proposalSentence(t: TFunction, proposal: Proposal, language: Language): string {
  return sentence(t, 'evaluation.proposal', proposal, language);
}

export function lineSentence(t: TFunction, explanation: Explanation, language: Language): string {
  return sentence(t, 'evaluation.score.lines', explanation, language);
}

const MAX_NAMED_GATES = 2;

/**
 * The verdict, naming the eligibility criteria it hinges on: those not met when the dossier is
 * ineligible, those still to check while its eligibility is provisional.
 */
export function verdictSentence(t: TFunction, score: EvaluationScore, labels: ReadonlyMap<string, string>, language: Language): string {
  const gateStatus = score.verdict === 'ineligible' ? 'not_met' : 'to_check';
  const gates = score.lines.filter((line) => line.kind === 'eligibility' && line.status === gateStatus).map((line) => labels.get(line.criterionId) ?? line.criterionId);
  const quoted = gates.map((label) => t('evaluation.quoted', { label }));
  // Beyond a few, names of criteria still to check make the sentence too long to read (the score's
  // detail lists them); the criteria that make a dossier ineligible are always named.
  const list =
    score.verdict !== 'ineligible' && gates.length > MAX_NAMED_GATES
      ? t('evaluation.score.gateCount', { count: gates.length })
      : new Intl.ListFormat(LOCALES[language], { type: 'conjunction' }).format(quoted);
  return sentence(t, 'evaluation.score.verdicts', { ...score.explanation, gates: list, count: gates.length }, language);
}

/** Short enough to name an annotation in a list. */
function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 60 ? `${flat.slice(0, 59)}…` : flat;
}

export function annotationName(t: TFunction, annotation: Annotation): string {
  return t('evaluation.evidence.annotation', { text: excerpt(annotation.text) });
}

export function evidenceName(
  t: TFunction,
  evidence: Evidence,
  pieces: readonly PieceView[],
  annotations: readonly Annotation[],
): string {
  if (evidence.kind === 'piece') {
    const piece = pieces.find((candidate) => candidate.id === evidence.pieceId);
    if (!piece) return t('evaluation.evidence.unknown', { id: evidence.pieceId });
    return evidence.page === null ? piece.name : t('evaluation.evidence.piecePage', { name: piece.name, page: evidence.page });
  }
  const annotation = annotations.find((candidate) => candidate.id === evidence.annotationId);
  return annotation ? annotationName(t, annotation) : t('evaluation.evidence.unknown', { id: evidence.annotationId });
}
