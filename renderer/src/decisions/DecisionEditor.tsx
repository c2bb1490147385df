import { Button } from '@codegouvfr/react-dsfr/Button';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Decision, DecisionProblem } from '../../../shared/channels/decisions';
import type { ErrorInfo } from '../../../shared/errors';
import { useClient } from '../api/ClientProvider';
import { toErrorInfo } from '../api/errorInfo';
import { ErrorAlert } from '../components/ErrorAlert';
import { RecordSaveProblem, RecordSaveState } from '../components/RecordSaveStatus';
import { CommonFields } from './CommonFields';
import { contentErrors } from './contentErrors';
import { DecisionPdfView } from './DecisionPdfView';
import { ProposalProblems } from './ProposalProblems';
import { SentBackNotice } from './SentBackNotice';
import { TypeFields } from './TypeFields';
import { useDecisionAutosave } from './useDecisionAutosave';

interface Props {
  decision: Decision;
  /** Every version the editor saves, so the list shows it without reloading under the editor. */
  onSaved: (decision: Decision) => void;
  /** After proposing: the decision is no longer a draft. */
  onProposed: (decision: Decision) => void;
}

/** A draft act: its open fields saved as typed, the exact PDF beside them, and the proposal for signature. */
export function DecisionEditor({ decision, onSaved, onProposed }: Props) {
  const { t } = useTranslation();
  const client = useClient();
  const form = useDecisionAutosave(decision, onSaved);
  const { fields, change } = form;
  const { valid, errorOf } = contentErrors(fields, t);
  const [previewing, setPreviewing] = useState(false);
  const [previewVersion, setPreviewVersion] = useState(decision.version);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<DecisionProblem[]>();
  // Each refusal is announced anew: the list takes the focus once per attempt, not per update.
  const [attempt, setAttempt] = useState(0);
  const [error, setError] = useState<ErrorInfo>();

  // The preview follows what is saved, once the save under way is done.
  useEffect(() => {
    if (form.status === 'saved') setPreviewVersion(form.version());
  }, [form.status, form.savedAt]);

  // Problems shown from a refused proposal follow the saves, and go once all are fixed.
  const showingProblems = problems !== undefined;
  useEffect(() => {
    if (!showingProblems) return;
    let current = true;
    client.call('decisions.problems', { id: decision.id }).then(
      (remaining) => {
        if (!current) return;
        setProblems(remaining.length > 0 ? remaining : undefined);
        if (remaining.length === 0) setError(undefined);
      },
      // A failed refresh leaves the list as the last answer gave it.
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [client, decision.id, previewVersion, showingProblems]);

  async function propose() {
    setBusy(true);
    setError(undefined);
    setProblems(undefined);
    setAttempt((n) => n + 1);
    try {
      if (!(await form.saveNow())) return;
      onProposed(await client.call('decisions.propose', { id: decision.id, expectedVersion: form.version() }));
    } catch (failure) {
      const info = toErrorInfo(failure);
      if (info.code === 'decision_not_proposable') setProblems(await client.call('decisions.problems', { id: decision.id }).catch(() => undefined));
      setError(info);
    } finally {
      setBusy(false);
    }
  }

  const headingId = `decision-editor-${decision.id}`;
  return (
    <section className="relais-decision-editor" aria-labelledby={headingId}>
      <div className="relais-decision-editor__head">
        <h3 id={headingId} className="fr-h4 fr-mb-0">
          {t('decisions.ui.editorTitle', { type: t(`decisions.types.${decision.content.type}`) })}
        </h3>
        <RecordSaveState saving={form} section="decisions.ui" />
      </div>
      {decision.sentBack && <SentBackNotice sentBack={decision.sentBack} />}
      <RecordSaveProblem saving={form} section="decisions.ui" staleCode="decision_stale" />
      {!valid && <p className="fr-error-text fr-mt-1w">{t('decisions.ui.notSavedUntilFixed')}</p>}

      <div className={previewing ? 'relais-decision-columns relais-decision-columns--preview' : 'relais-decision-columns'}>
        <div className="relais-decision-fields">
          <TypeFields content={fields} change={change} errorOf={errorOf} />
          <CommonFields content={fields} change={change} errorOf={errorOf} />
        </div>
        {previewing && (
          <section className="relais-decision-preview" aria-labelledby={`${headingId}-preview`}>
            <h4 id={`${headingId}-preview`} className="fr-h6 fr-mb-1w">
              {t('decisions.ui.preview.title')}
            </h4>
            <DecisionPdfView decisionId={decision.id} version={previewVersion} />
          </section>
        )}
      </div>

      {problems && problems.length > 0 ? <ProposalProblems key={attempt} problems={problems} /> : error && <ErrorAlert error={error} className="fr-mt-2w" />}
      <div className="relais-decision-actions fr-mt-3w">
        <Button
          priority="secondary"
          iconId="fr-icon-eye-line"
          onClick={() => setPreviewing((shown) => !shown)}
          nativeButtonProps={{ 'aria-expanded': previewing }}
        >
          {previewing ? t('decisions.ui.preview.hide') : t('decisions.ui.preview.show')}
        </Button>
        <Button iconId="fr-icon-send-plane-line" disabled={busy || !valid} onClick={() => void propose()}>
          {t('decisions.ui.propose.action')}
        </Button>
      </div>
    </section>
  );
}
