import { Badge } from '@codegouvfr/react-dsfr/Badge';
import type { AlertProps } from '@codegouvfr/react-dsfr/Alert';
import { useTranslation } from 'react-i18next';
import type { EvaluationScore } from '../../../shared/domain/evaluation';
import type { Programme } from '../../../shared/domain/programme';
import { currentLanguage } from '../i18n';
import { lineSentence, localized, verdictSentence } from './evaluationText';

const SEVERITY: Record<EvaluationScore['eligibility'], AlertProps.Severity> = {
  eligible: 'success',
  ineligible: 'error',
  provisional: 'info',
};

/** The score out of the grid's maximum, the verdict and, line by line, how it was computed. */
export function ScorePanel({ programme, score }: { programme: Programme; score: EvaluationScore }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const labels = new Map(programme.criteria.map((criterion) => [criterion.id, localized(criterion.label, language)]));
  return (
    <aside className="relais-evaluation__score fr-p-3w" aria-labelledby="evaluation-score-title">
      <h3 id="evaluation-score-title" className="fr-h5 fr-mb-1w">
        {t('evaluation.score.title')}
      </h3>
      {/* Announced when it changes, so a keyboard or screen reader user hears the new score. */}
      <div role="status" aria-atomic="true">
        <p className="fr-mb-1w" data-eligibility={score.eligibility}>
          <Badge severity={SEVERITY[score.eligibility]}>
            {t(`evaluation.score.eligibility.${score.eligibility}`)}
          </Badge>
        </p>
        <p className="relais-evaluation__points fr-mb-1w" data-points={score.points}>
          {t('evaluation.score.points', { points: score.points, maxPoints: score.maxPoints })}
        </p>
        <p className="fr-text--sm fr-mb-1w" data-verdict={score.verdict}>
          {verdictSentence(t, score, labels, language)}
        </p>
      </div>
      <p className="fr-text--xs relais-secondary fr-mb-0">{t('evaluation.score.minimum', { minimumScore: score.minimumScore })}</p>
      {score.pendingPoints > 0 && (
        <p className="fr-text--xs relais-secondary fr-mb-0">{t('evaluation.score.pending', { pendingPoints: score.pendingPoints })}</p>
      )}
      <details className="fr-mt-2w">
        <summary className="fr-text--sm">{t('evaluation.score.detail')}</summary>
        <ul className="relais-plain-list fr-mt-1w">
          {score.lines.map((line) => (
            <li key={line.criterionId} className="relais-evaluation__line fr-text--xs fr-mb-1w">
              <span className="fr-text--bold">{labels.get(line.criterionId)}</span>
              {line.points !== null && (
                <span className="relais-evaluation__line-points">
                  {line.points} / {line.maxPoints}
                </span>
              )}
              <span className="relais-block">{lineSentence(t, line.explanation, language)}</span>
            </li>
          ))}
        </ul>
      </details>
    </aside>
  );
}
