import { useTranslation } from 'react-i18next';
import type { DossierDetail } from '../../../shared/contract';
import type { Criterion, Programme } from '../../../shared/domain/programme';
import { useCall } from '../api/useCall';
import { ErrorAlert } from '../components/ErrorAlert';
import { formatDate } from '../format';
import { currentLanguage } from '../i18n';
import { CriterionCard } from './CriterionCard';
import { localized } from './evaluationText';
import { ScorePanel } from './ScorePanel';
import { useEvaluation } from './useEvaluation';
import './evaluation.css';

/** The programme's groups in their order, each with its criteria; criteria without a group come last. */
function grouped(programme: Programme): Array<{ id: string; label: string | null; criteria: Criterion[] }> {
  const language = currentLanguage();
  const groups = programme.groups.map((group) => ({
    id: group.id,
    label: localized(group.label, language),
    criteria: programme.criteria.filter((criterion) => criterion.group === group.id),
  }));
  const loose = programme.criteria.filter((criterion) => !criterion.group);
  return [...groups, ...(loose.length ? [{ id: 'other', label: null, criteria: loose }] : [])].filter((group) => group.criteria.length > 0);
}

/** The evaluation grid of a dossier, with its score always in view. */
export function EvaluationTab({ dossier }: { dossier: DossierDetail }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const evaluation = useEvaluation(dossier.id);
  const annotations = useCall('annotations.list', { dossierId: dossier.id });
  const { view } = evaluation;

  if (evaluation.loadError) return <ErrorAlert error={evaluation.loadError} onRetry={evaluation.reload} />;
  if (!view) return <p role="status">{t('evaluation.loading')}</p>;
  const { programme } = view;
  const views = new Map(view.criteria.map((criterion) => [criterion.criterionId, criterion]));

  return (
    <>
      <h2 className="fr-h4 fr-mb-1w">{t('evaluation.title')}</h2>
      <p className="fr-text--sm relais-secondary fr-mb-1w">
        {t('evaluation.programme', {
          name: localized(programme.name, language),
          version: programme.version,
          from: formatDate(programme.validFrom, language),
          until: formatDate(programme.validUntil, language),
        })}
      </p>
      <p className="fr-mb-3w">{t('evaluation.intro')}</p>
      {annotations.error && <ErrorAlert error={annotations.error} onRetry={annotations.reload} className="fr-mb-3w" />}
      {/* The score comes first in reading order; on a wide screen it sits beside the grid and stays in view. */}
      <div className="relais-evaluation">
        <ScorePanel programme={programme} score={view.score} />
        <div className="relais-evaluation__grid">
          {grouped(programme).map((group) => (
            <section key={group.id} aria-labelledby={`evaluation-group-${group.id}`} className="fr-mb-4w">
              {group.label && (
                <h3 id={`evaluation-group-${group.id}`} className="fr-h5">
                  {group.label}
                </h3>
              )}
              {group.criteria.map((criterion) => (
                <CriterionCard
                  // A reload from the case file starts every editor again from what it holds.
                  key={`${criterion.id}:${evaluation.generation}`}
                  criterion={criterion}
                  programmeVersion={programme.version}
                  view={views.get(criterion.id)!}
                  pieces={dossier.pieces}
                  annotations={annotations.data?.annotations ?? []}
                  error={evaluation.errors.get(criterion.id)}
                  onReload={evaluation.reload}
                  save={(change) => evaluation.save(criterion.id, change, evaluation.generation)}
                  dossierId={dossier.id}
                />
              ))}
            </section>
          ))}
        </div>
      </div>
    </>
  );
}
