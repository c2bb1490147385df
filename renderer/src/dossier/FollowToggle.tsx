import { ToggleSwitch } from '@codegouvfr/react-dsfr/ToggleSwitch';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorInfo } from '../../../shared/errors';
import { useClient } from '../api/ClientProvider';
import { toErrorInfo } from '../api/errorInfo';
import { ErrorAlert } from '../components/ErrorAlert';

/** Following a dossier puts it in the "suivis" filter of the list. */
export function FollowToggle({ id, followed }: { id: string; followed: boolean }) {
  const { t } = useTranslation();
  const client = useClient();
  const [checked, setChecked] = useState(followed);
  const [error, setError] = useState<ErrorInfo>();
  useEffect(() => setChecked(followed), [followed]);

  const change = async (next: boolean) => {
    setChecked(next);
    setError(undefined);
    try {
      setChecked((await client.call('dossiers.setFollowed', { id, followed: next })).followed);
    } catch (failure) {
      setChecked(!next);
      setError(toErrorInfo(failure));
    }
  };

  return (
    <div className="relais-follow">
      <ToggleSwitch
        label={t('dossier.follow')}
        helperText={t('dossier.followHint')}
        checked={checked}
        onChange={(next) => void change(next)}
        showCheckedHint
      />
      {error && <ErrorAlert error={error} />}
    </div>
  );
}
