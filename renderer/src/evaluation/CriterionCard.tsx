import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { useTranslation } from 'react-i18next';
import type { CriterionView } from '../../../shared/channels/evaluation';
import type { PieceView } from '../../../shared/contract';
import type { Annotation } from '../../../shared/domain/annotation';
import { CRITERION_STATUSES, type CriterionStatus } from '../../../shared/domain/evaluation';
import type { Criterion } from '../../../shared/domain/programme';
import type { ErrorInfo } from '../../../shared/errors';
import { ErrorAlert } from '../components/ErrorAlert';
import { formatDateTime } from '../format';
import { currentLanguage } from '../i18n';
import { CommentField } from './CommentField';
import { EvidencePicker } from './EvidencePicker';
import { localized, proposalSentence } from './evaluationText';
import type { CriterionChange } from './useEvaluation';

interface Props {
  criterion: Criterion;
  /** The version of the grid in force, against the one each assessment was made under. */
  programmeVersion: string;
  view: CriterionView;
  pieces: readonly PieceView[];
  annotations: readonly Annotation[];
  error: ErrorInfo | undefined;
  onReload: () => void;
  save: (change: CriterionChange) => Promise<boolean>;
  /** Where the comment's draft is kept while it is typed. */
  dossierId: string;
}

/** One criterion of the grid: the instructor's status, the computed proposal, the comment and the evidence. */
export function CriterionCard({ criterion, programmeVersion, view, pieces, annotations, error, onReload, save, dossierId }: Props) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const label = localized(criterion.label, language);
  const idPrefix = `criterion-${criterion.id}`;
  const { proposal } = view;
  const statusLabel = (status: CriterionStatus) => t(`evaluation.status.${status}`);

  return (
    <section className="relais-evaluation__criterion fr-p-3w fr-mb-3w" aria-labelledby={`${idPrefix}-title`} data-criterion={criterion.id}>
      <div className="relais-evaluation__criterion-head">
        <h4 id={`${idPrefix}-title`} className="fr-h6 fr-mb-1w">
          {label}
        </h4>
        <Badge as="span" small severity={criterion.kind === 'eligibility' ? 'warning' : 'info'} noIcon>
          {criterion.kind === 'eligibility' ? t('evaluation.eligibility') : t('evaluation.weight', { weight: criterion.weight })}
        </Badge>
      </div>
      <p className="fr-text--sm fr-mb-1w">{localized(criterion.guidance, language)}</p>
      <p className="fr-text--xs relais-secondary fr-mb-2w">{t('deadlines.basis', { basis: criterion.basis })}</p>

      {proposal && (
        <div className="relais-evaluation__proposal fr-mb-2w" data-proposal={proposal.status}>
          <p className="fr-text--sm fr-text--bold fr-mb-1v">{t('evaluation.proposal.title', { status: statusLabel(proposal.status) })}</p>
          <p className="fr-text--sm fr-mb-1w">{proposalSentence(t, proposal, language)}</p>
          {view.status === proposal.status ? (
            <p className="fr-text--xs relais-secondary fr-mb-0">{t('evaluation.proposal.followed')}</p>
          ) : (
            <Button
              priority="secondary"
              size="small"
              iconId="fr-icon-check-line"
              title={t('evaluation.proposal.applyLabel', { status: statusLabel(proposal.status), criterion: label })}
              onClick={() => void save({ status: proposal.status })}
            >
              {t('evaluation.proposal.apply')}
            </Button>
          )}
        </div>
      )}

      <RadioButtons
        legend={t('evaluation.statusLegend', { criterion: label })}
        classes={{ legend: 'fr-sr-only' }}
        name={`${idPrefix}-status`}
        orientation="horizontal"
        small
        options={CRITERION_STATUSES.map((status) => ({
          label: statusLabel(status),
          nativeInputProps: {
            value: status,
            checked: view.status === status,
            onChange: () => void save({ status }),
          },
        }))}
      />

      <CommentField
        id={`${idPrefix}-comment`}
        saved={view.comment}
        dossierId={dossierId}
        criterionId={criterion.id}
        draft={view.draft}
        onCommit={(comment) => save({ comment })}
      />

      <EvidencePicker idPrefix={idPrefix} evidence={view.evidence} pieces={pieces} annotations={annotations} onChange={(evidence) => save({ evidence })} />

      {view.updatedAt && view.updatedBy && (
        <p className="fr-text--xs relais-secondary fr-mt-2w fr-mb-0">
          {t('evaluation.lastChange', { by: view.updatedBy, when: formatDateTime(view.updatedAt, language) })}
        </p>
      )}
      {view.programmeVersion && view.programmeVersion !== programmeVersion && (
        <p className="fr-text--xs fr-mt-1w fr-mb-0">{t('evaluation.earlierGrid', { version: view.programmeVersion })}</p>
      )}
      {error && <ErrorAlert className="fr-mt-2w" error={error} onRetry={error.code === 'evaluation_stale' ? onReload : undefined} />}
    </section>
  );
}
