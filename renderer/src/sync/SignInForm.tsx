import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { syncChannels, type SyncAccount } from '../../../shared/channels/sync';
import type { ErrorInfo } from '../../../shared/errors';
import { useClient } from '../api/ClientProvider';
import { toErrorInfo } from '../api/errorInfo';
import { ErrorAlert } from '../components/ErrorAlert';
import { useSyncStatus } from './SyncStatusProvider';

const FIELDS = ['hubUrl', 'email', 'code'] as const;
type Field = (typeof FIELDS)[number];
type Values = Record<Field, string>;

/** The fields the contract's own schema refuses, checked here first so each one says what to fix. */
function invalidFields(values: Values): Field[] {
  const parsed = syncChannels['sync.login'].args.safeParse(values);
  if (parsed.success) return [];
  return FIELDS.filter((field) => parsed.error.issues.some((issue) => issue.path[0] === field));
}

interface Props {
  /** After the hub refused this computer's token: the account it had, to sign in again. */
  previous: SyncAccount | null;
}

/** Enrols this computer on a hub with the one-time code the administrator gave. */
export function SignInForm({ previous }: Props) {
  const { t } = useTranslation();
  const client = useClient();
  const { update } = useSyncStatus();
  const [values, setValues] = useState<Values>({ hubUrl: previous?.hubUrl ?? '', email: previous?.email ?? '', code: '' });
  const [invalid, setInvalid] = useState<Field[]>([]);
  const [error, setError] = useState<ErrorInfo>();
  const [busy, setBusy] = useState(false);
  const inputs = useRef<Partial<Record<Field, HTMLInputElement | null>>>({});

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    const refused = invalidFields(values);
    setInvalid(refused);
    if (refused.length > 0) {
      inputs.current[refused[0]]?.focus();
      return;
    }
    setBusy(true);
    try {
      update(await client.call('sync.login', { hubUrl: values.hubUrl.trim(), email: values.email.trim(), code: values.code }));
    } catch (failure) {
      setError(toErrorInfo(failure));
      // The code is single-use and may be the culprit: the person retypes it, the rest stays.
      inputs.current.code?.focus();
    } finally {
      setBusy(false);
    }
  }

  const field = (name: Field, type: 'url' | 'email' | 'text', autoComplete: string) => (
    <Input
      key={name}
      label={t(`sync.signIn.${name}`)}
      hintText={t(`sync.signIn.${name}Hint`)}
      state={invalid.includes(name) ? 'error' : 'default'}
      stateRelatedMessage={invalid.includes(name) ? t(`sync.signIn.invalid.${name}`) : undefined}
      nativeInputProps={{
        ref: (element) => {
          inputs.current[name] = element;
        },
        name,
        type,
        autoComplete,
        spellCheck: false,
        required: true,
        value: values[name],
        onChange: (event) => setValues((current) => ({ ...current, [name]: event.target.value })),
      }}
    />
  );

  return (
    <section className="fr-mb-6w" aria-labelledby="sync-sign-in">
      <h2 id="sync-sign-in" className="fr-h4">
        {previous ? t('sync.signIn.reconnectTitle') : t('sync.signIn.title')}
      </h2>
      {previous ? (
        <Alert severity="warning" small description={t('sync.signIn.reconnectIntro')} className="fr-mb-3w" />
      ) : (
        <p>{t('sync.signIn.intro')}</p>
      )}
      <form onSubmit={(event) => void submit(event)} noValidate className="relais-sync-sign-in">
        {field('hubUrl', 'url', 'url')}
        {field('email', 'email', 'email')}
        {field('code', 'text', 'one-time-code')}
        <Button type="submit" iconId="fr-icon-link" iconPosition="left" disabled={busy}>
          {busy ? t('sync.signIn.submitting') : t('sync.signIn.submit')}
        </Button>
      </form>
      {error && <ErrorAlert error={error} className="fr-mt-3w" />}
    </section>
  );
}
