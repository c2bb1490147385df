import { Button } from '@codegouvfr/react-dsfr/Button';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { DECISION_TYPES, type Decision, type DecisionType } from '../../../shared/channels/decisions';
import type { ErrorInfo } from '../../../shared/errors';
import { useClient } from '../api/ClientProvider';
import { toErrorInfo } from '../api/errorInfo';
import { useCall } from '../api/useCall';
import { ErrorAlert } from '../components/ErrorAlert';
import { DecisionEditor } from './DecisionEditor';
import { DecisionList } from './DecisionList';
import { DecisionView } from './DecisionView';
import './decisions.css';

/** The dossier's « Décision » tab: its acts, a new one of a chosen type, the open one (its id in the address). */
export function DecisionTab({ dossierId }: { dossierId: string }) {
  const { t } = useTranslation();
  const client = useClient();
  const [params, setParams] = useSearchParams();
  const list = useCall('decisions.list', { dossierId });
  const [type, setType] = useState<DecisionType>('attribution');
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState<ErrorInfo>();
  // Versions the open editor saved, so the list shows them without reloading under the editor.
  const [saved, setSaved] = useState<Record<string, Decision>>({});
  const [proposedId, setProposedId] = useState<string>();

  const decisions = (list.data ?? []).map((decision) => {
    const newer = saved[decision.id];
    return newer && newer.version > decision.version ? newer : decision;
  });
  const openId = params.get('decision') ?? decisions.at(-1)?.id;
  const open = decisions.find((decision) => decision.id === openId);

  const select = (decisionId: string) => {
    const next = new URLSearchParams(params);
    next.set('decision', decisionId);
    setParams(next, { replace: true });
  };
  const remember = (decision: Decision) => setSaved((previous) => ({ ...previous, [decision.id]: decision }));

  async function create() {
    setCreating(true);
    setCreateError(undefined);
    try {
      const decision = await client.call('decisions.create', { dossierId, type });
      list.reload();
      select(decision.id);
    } catch (failure) {
      setCreateError(toErrorInfo(failure));
    } finally {
      setCreating(false);
    }
  }

  return (
    <div className="relais-decisions">
      <h2 className="fr-h3">{t('decisions.ui.tabTitle')}</h2>
      <div className="relais-decisions__create">
        <Select
          label={t('decisions.ui.newType')}
          hint={t('decisions.ui.newTypeHint')}
          nativeSelectProps={{ value: type, onChange: (event) => setType(event.target.value as DecisionType) }}
        >
          {DECISION_TYPES.map((choice) => (
            <option key={choice} value={choice}>
              {t(`decisions.types.${choice}`)}
            </option>
          ))}
        </Select>
        <Button iconId="fr-icon-add-line" onClick={() => void create()} disabled={creating}>
          {t('decisions.ui.create')}
        </Button>
      </div>
      {createError && <ErrorAlert error={createError} onRetry={() => void create()} className="fr-mt-2w" />}
      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} className="fr-mt-2w" />}
      {!list.data && !list.error && <p role="status">{t('common.loading')}</p>}
      {list.data && decisions.length === 0 && <p className="fr-mt-2w">{t('decisions.ui.empty')}</p>}
      {decisions.length > 0 && <DecisionList decisions={decisions} openId={open?.id} onOpen={select} />}
      {open &&
        (open.state === 'brouillon' ? (
          <DecisionEditor
            key={open.id}
            decision={open}
            onSaved={remember}
            onProposed={(decision) => {
              remember(decision);
              setProposedId(decision.id);
              list.reload();
            }}
          />
        ) : (
          <DecisionView key={open.id} decision={open} focusOnOpen={open.id === proposedId} onSigned={list.reload} />
        ))}
    </div>
  );
}
