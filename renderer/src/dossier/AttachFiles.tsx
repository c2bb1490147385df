import { Upload } from '@codegouvfr/react-dsfr/Upload';
import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_ATTACH_BYTES, type AttachNotice } from '../../../shared/channels/pieces';
import { RelaisError, type ErrorInfo } from '../../../shared/errors';
import { useClient } from '../api/ClientProvider';
import { toErrorInfo } from '../api/errorInfo';
import { ErrorAlert } from '../components/ErrorAlert';
import { readAsBase64 } from '../visits/readFile';

const MAX_MB = MAX_ATTACH_BYTES / (1024 * 1024);

interface Props {
  dossierId: string;
  /** After at least one file was attached. */
  onAttached: () => void;
}

interface Progress {
  index: number;
  total: number;
  name: string;
}

interface Outcome {
  name: string;
  notices: AttachNotice[];
}

/**
 * Files from outside DS, chosen on disk and attached one after the other: core checks each one in
 * a limited worker (seconds for a large PDF), so the file being checked and the count are shown.
 */
export function AttachFiles({ dossierId, onAttached }: Props) {
  const { t } = useTranslation();
  const client = useClient();
  const [progress, setProgress] = useState<Progress>();
  const [attached, setAttached] = useState<Outcome[]>([]);
  const [refused, setRefused] = useState<Array<{ name: string; error: ErrorInfo }>>([]);

  async function attach(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const files = [...(input.files ?? [])];
    if (files.length === 0) return;
    const done: Outcome[] = [];
    const failures: Array<{ name: string; error: ErrorInfo }> = [];
    for (const [index, file] of files.entries()) {
      setProgress({ index: index + 1, total: files.length, name: file.name });
      try {
        // Refused before reading it: core would refuse it too, after a long transfer.
        if (file.size > MAX_ATTACH_BYTES) throw new RelaisError('attach_too_large', { name: file.name, maxMb: MAX_MB });
        const { piece, notices } = await client.call('pieces.attach', { dossierId, name: file.name, base64: await readAsBase64(file) });
        done.push({ name: piece.name, notices });
      } catch (failure) {
        failures.push({ name: file.name, error: toErrorInfo(failure) });
      }
    }
    input.value = '';
    setProgress(undefined);
    setAttached(done);
    setRefused(failures);
    if (done.length > 0) onAttached();
  }

  return (
    <section className="fr-mb-4w" aria-labelledby="attach-title">
      <h2 id="attach-title" className="fr-h5">
        {t('attach.title')}
      </h2>
      <Upload
        label={t('attach.label')}
        hint={t('attach.hint', { maxMb: MAX_MB })}
        multiple
        disabled={progress !== undefined}
        nativeInputProps={{ accept: 'application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png', onChange: (event) => void attach(event) }}
      />
      <div role="status" className="fr-mt-1w">
        {progress && (
          <>
            <progress max={progress.total} value={progress.index - 1} aria-label={t('attach.label')} />
            <span className="fr-text--sm fr-ml-1w">{t('attach.checking', { ...progress })}</span>
          </>
        )}
        {!progress &&
          attached.map((outcome, index) => (
            <div key={`${index}-${outcome.name}`}>
              <p className="fr-text--sm fr-mb-0">{t('attach.accepted', { name: outcome.name })}</p>
              {outcome.notices.map((notice) => (
                <p key={notice} className="fr-text--sm fr-mb-0 relais-secondary">
                  {t(`attach.notices.${notice}`)}
                </p>
              ))}
            </div>
          ))}
      </div>
      {refused.map(({ name, error }, index) => (
        <ErrorAlert key={`${index}-${name}`} error={error} className="fr-mt-1w" />
      ))}
    </section>
  );
}
