import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DESK_ROLES, type DeskRole } from '../../../shared/channels/decisions';
import type { ErrorInfo } from '../../../shared/errors';
import { useClient } from '../api/ClientProvider';
import { toErrorInfo } from '../api/errorInfo';
import { useCall } from '../api/useCall';
import { ErrorAlert } from '../components/ErrorAlert';

/** Settings of signing: the role this desk acts in, and the PKCS#11 module that reaches the smart card. */
export function SigningSettings() {
  const { t } = useTranslation();
  const client = useClient();
  const role = useCall('decisions.role', {});
  const slots = useCall('decisions.pkcs11Slots', {});
  const [modulePath, setModulePath] = useState<string>();
  const [error, setError] = useState<ErrorInfo>();
  const [savedModule, setSavedModule] = useState(false);

  async function chooseRole(next: DeskRole) {
    setError(undefined);
    try {
      await client.call('decisions.setRole', { role: next });
      role.reload();
    } catch (failure) {
      setError(toErrorInfo(failure));
    }
  }

  async function saveModule(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    setSavedModule(false);
    try {
      await client.call('decisions.setPkcs11Module', { path: modulePath ?? slots.data?.modulePath ?? '' });
      setModulePath(undefined);
      setSavedModule(true);
      slots.reload();
    } catch (failure) {
      setError(toErrorInfo(failure));
    }
  }

  const shownPath = modulePath ?? slots.data?.modulePath ?? '';
  return (
    <section className="fr-mb-6w" aria-labelledby="settings-signing">
      <h2 id="settings-signing" className="fr-h4">
        {t('decisions.ui.settings.title')}
      </h2>
      {role.error && <ErrorAlert error={role.error} onRetry={role.reload} className="fr-mb-2w" />}
      {role.data && (
        <RadioButtons
          legend={t('decisions.ui.settings.role')}
          hintText={t('decisions.ui.settings.roleHint')}
          name="desk-role"
          options={DESK_ROLES.map((choice) => ({
            label: t(`decisions.ui.roleLabels.${choice}`),
            hintText: t(`decisions.ui.roleHints.${choice}`),
            nativeInputProps: { value: choice, checked: role.data?.role === choice, onChange: () => void chooseRole(choice) },
          }))}
        />
      )}
      <form onSubmit={(event) => void saveModule(event)} className="relais-signing-module">
        <Input
          label={t('decisions.ui.settings.module')}
          hintText={t('decisions.ui.settings.moduleHint')}
          nativeInputProps={{ value: shownPath, spellCheck: false, onChange: (event) => setModulePath(event.target.value) }}
        />
        <Button type="submit" priority="secondary" disabled={shownPath.trim() === ''}>
          {t('decisions.ui.settings.saveModule')}
        </Button>
      </form>
      <p role="status" className="fr-text--sm">
        {savedModule && t('decisions.ui.settings.moduleSaved')}{' '}
        {slots.data && t('decisions.ui.settings.tokens', { count: slots.data.slots.length })}
      </p>
      {slots.error && <ErrorAlert error={slots.error} onRetry={slots.reload} className="fr-mb-2w" />}
      {error && <ErrorAlert error={error} />}
    </section>
  );
}
