import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DossierDetail } from '../../../shared/contract';
import type { InstructionFacts } from '../../../shared/domain/instruction';
import type { ErrorInfo } from '../../../shared/errors';
import { useClient } from '../api/ClientProvider';
import { toErrorInfo } from '../api/errorInfo';
import { useCall } from '../api/useCall';
import { ErrorAlert } from '../components/ErrorAlert';
import { AdvanceFieldset } from './AdvanceFieldset';
import { ExtensionsFieldset } from './ExtensionsFieldset';
import { RegimeFieldset } from './RegimeFieldset';
import { useFactSave, type FactSave } from './useFactSave';
import './instruction.css';

function SaveState({ saves }: { saves: FactSave<unknown>[] }) {
  const { t } = useTranslation();
  const statuses = saves.map((save) => save.status);
  const text = statuses.includes('invalid')
    ? t('instruction.save.invalid')
    : statuses.some((status) => status === 'pending' || status === 'saving')
      ? t('instruction.save.saving')
      : t('instruction.save.saved');
  return (
    <p role="status" className="fr-text--sm relais-secondary fr-mb-2w">
      {text}
    </p>
  );
}

/** The facts the legal checks need, entered beside them; each change recomputes the checks. */
export function InstructionFactsForm({ dossier, onChanged }: { dossier: DossierDetail; onChanged: () => void }) {
  const { t } = useTranslation();
  const facts = useCall('instruction.get', { dossierId: dossier.id });
  if (facts.error) return <ErrorAlert error={facts.error} onRetry={facts.reload} />;
  if (!facts.data) return <p role="status">{t('common.loading')}</p>;
  return <Loaded dossier={dossier} initial={facts.data} onChanged={onChanged} />;
}

function Loaded({ dossier, initial, onChanged }: { dossier: DossierDetail; initial: InstructionFacts; onChanged: () => void }) {
  const client = useClient();
  const [facts, setFacts] = useState(initial);
  const [error, setError] = useState<ErrorInfo>();
  const saved = (next: InstructionFacts) => {
    setFacts(next);
    onChanged();
  };
  const dossierId = dossier.id;
  const regimeSave = useFactSave(initial.regime, (regime) => client.call('instruction.setRegime', { dossierId, regime }), saved);
  const advanceSave = useFactSave(initial.advance, (advance) => client.call('instruction.setAdvance', { dossierId, advance }), saved);

  const addExtension = async (extension: Parameters<Parameters<typeof ExtensionsFieldset>[0]['onAdd']>[0]) => {
    setError(undefined);
    try {
      saved(await client.call('instruction.addExtension', { dossierId, ...extension }));
      return true;
    } catch (failure) {
      setError(toErrorInfo(failure));
      return false;
    }
  };
  const removeExtension = async (extensionId: string) => {
    setError(undefined);
    try {
      saved(await client.call('instruction.removeExtension', { dossierId, extensionId }));
    } catch (failure) {
      setError(toErrorInfo(failure));
    }
  };

  return (
    <div className="relais-facts">
      <SaveState saves={[regimeSave, advanceSave]} />
      {[regimeSave, advanceSave].map((save, index) => save.error && <ErrorAlert key={index} error={save.error} className="fr-mb-2w" />)}
      <RegimeFieldset
        regime={facts.regime}
        today={dossier.today}
        onChange={regimeSave.change}
      />
      <AdvanceFieldset
        advance={facts.advance}
        onChange={advanceSave.change}
      />
      {error && <ErrorAlert error={error} className="fr-mb-2w" />}
      <ExtensionsFieldset
        dossierId={dossierId}
        extensions={facts.extensions}
        dossier={{ state: dossier.state, arDate: dossier.dates.arDate }}
        today={dossier.today}
        onAdd={addExtension}
        onRemove={(id) => void removeExtension(id)}
      />
    </div>
  );
}
