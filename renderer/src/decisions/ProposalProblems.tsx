import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { DecisionProblem } from '../../../shared/channels/decisions';
import { problemSentence } from '../../../shared/rules/decisions/sentence';
import { currentLanguage } from '../i18n';

/** Why the core refused the proposal, one reason per line; the focus comes here when it appears, so it is read at once. */
export function ProposalProblems({ problems }: { problems: readonly DecisionProblem[] }) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.focus(), []);
  return (
    <div ref={box} tabIndex={-1} className="fr-mt-2w relais-decision-problems">
      <Alert
        severity="error"
        title={t('decisions.ui.propose.refusedTitle')}
        description={
          <>
            <span className="relais-block">{t('decisions.ui.propose.refusedIntro', { count: problems.length })}</span>
            <ul className="fr-mt-1w">
              {problems.map((problem) => (
                <li key={`${problem.code}-${problem.path}`}>{problemSentence(t, problem, currentLanguage())}</li>
              ))}
            </ul>
          </>
        }
      />
    </div>
  );
}
