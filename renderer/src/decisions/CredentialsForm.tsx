import { Input } from '@codegouvfr/react-dsfr/Input';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Upload } from '@codegouvfr/react-dsfr/Upload';
import { useEffect, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_P12_BYTES, type SigningCredentials } from '../../../shared/channels/decisions';
import { useCall } from '../api/useCall';
import { ErrorAlert } from '../components/ErrorAlert';
import { formatBytes } from '../format';
import { currentLanguage } from '../i18n';
import { readAsBase64 } from '../visits/readFile';

type Kind = SigningCredentials['kind'];

export interface CredentialsChoice {
  kind: Kind;
  /** The PKCS#12 file, read once in the browser. */
  p12?: { name: string; base64: string };
  slot?: number;
  /** The password or the PIN: held only until the batch starts, then cleared. */
  secret: string;
}

/** The credentials as the contract takes them, once everything needed is there. */
export function credentialsOf(choice: CredentialsChoice): SigningCredentials | undefined {
  if (choice.kind === 'p12') return choice.p12 ? { kind: 'p12', p12Base64: choice.p12.base64, password: choice.secret } : undefined;
  return choice.slot !== undefined && choice.secret !== '' ? { kind: 'pkcs11', slot: choice.slot, pin: choice.secret } : undefined;
}

interface Props {
  choice: CredentialsChoice;
  onChange: (choice: CredentialsChoice) => void;
  secretRef: RefObject<HTMLInputElement | null>;
}

/** Which key signs: a PKCS#12 file and its password, or a PKCS#11 token (smart card) and its PIN. */
export function CredentialsForm({ choice, onChange, secretRef }: Props) {
  const { t } = useTranslation();
  const [fileProblem, setFileProblem] = useState<string>();
  const set = (patch: Partial<CredentialsChoice>) => onChange({ ...choice, ...patch });

  async function pick(file: File | undefined) {
    setFileProblem(undefined);
    if (!file) return set({ p12: undefined });
    if (file.size > MAX_P12_BYTES) {
      setFileProblem(t('decisions.ui.sign.p12TooLarge', { name: file.name, max: formatBytes(MAX_P12_BYTES, currentLanguage()) }));
      return set({ p12: undefined });
    }
    set({ p12: { name: file.name, base64: await readAsBase64(file) } });
  }

  return (
    <>
      <RadioButtons
        legend={t('decisions.ui.sign.kindLegend')}
        name="signing-kind"
        options={(['p12', 'pkcs11'] as const).map((kind) => ({
          label: t(`decisions.ui.sign.kinds.${kind}`),
          hintText: t(`decisions.ui.sign.kindHints.${kind}`),
          nativeInputProps: { value: kind, checked: choice.kind === kind, onChange: () => set({ kind, secret: '' }) },
        }))}
      />
      {choice.kind === 'p12' ? (
        <>
          <Upload
            label={t('decisions.ui.sign.p12File')}
            hint={t('decisions.ui.sign.p12FileHint')}
            state={fileProblem ? 'error' : 'default'}
            stateRelatedMessage={fileProblem}
            nativeInputProps={{ accept: '.p12,.pfx,application/x-pkcs12', onChange: (event) => void pick(event.target.files?.[0]) }}
          />
          <Input
            className="fr-mt-2w"
            label={t('decisions.ui.sign.password')}
            nativeInputProps={{ ref: secretRef, type: 'password', autoComplete: 'off', value: choice.secret, onChange: (event) => set({ secret: event.target.value }) }}
          />
        </>
      ) : (
        <TokenFields choice={choice} set={set} secretRef={secretRef} />
      )}
    </>
  );
}

function TokenFields({ choice, set, secretRef }: { choice: CredentialsChoice; set: (patch: Partial<CredentialsChoice>) => void; secretRef: Props['secretRef'] }) {
  const { t } = useTranslation();
  const slots = useCall('decisions.pkcs11Slots', {});
  const found = slots.data?.slots ?? [];
  const slot = choice.slot ?? found[0]?.slot;
  // The first token found is the one chosen until the user picks another.
  useEffect(() => {
    if (choice.slot === undefined && slot !== undefined) set({ slot });
  }, [choice.slot, slot, set]);
  return (
    <>
      {slots.loading && <p role="status">{t('common.loading')}</p>}
      {slots.error && <ErrorAlert error={slots.error} onRetry={slots.reload} className="fr-mb-2w" />}
      {slots.data && found.length === 0 && <p className="fr-error-text fr-mb-2w">{t('decisions.ui.sign.noToken', { module: slots.data.modulePath })}</p>}
      <Select
        label={t('decisions.ui.sign.slot')}
        hint={slots.data && found.length > 0 ? t('decisions.ui.sign.slotHint', { module: slots.data.modulePath }) : undefined}
        disabled={found.length === 0}
        nativeSelectProps={{ value: slot ?? '', onChange: (event) => set({ slot: Number(event.target.value) }) }}
      >
        {found.map((candidate) => (
          <option key={candidate.slot} value={candidate.slot}>
            {t('decisions.ui.sign.slotOption', { ...candidate })}
          </option>
        ))}
      </Select>
      <Input
        label={t('decisions.ui.sign.pin')}
        nativeInputProps={{ ref: secretRef, type: 'password', autoComplete: 'off', inputMode: 'numeric', value: choice.secret, onChange: (event) => set({ secret: event.target.value }) }}
      />
    </>
  );
}
