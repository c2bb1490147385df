import { Button } from '@codegouvfr/react-dsfr/Button';
import { Upload } from '@codegouvfr/react-dsfr/Upload';
import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_PHOTO_BYTES, type VisitPhoto } from '../../../shared/channels/visits';
import { RelaisError, type ErrorInfo } from '../../../shared/errors';
import { useClient } from '../api/ClientProvider';
import { toErrorInfo } from '../api/errorInfo';
import { ErrorAlert } from '../components/ErrorAlert';
import { currentLanguage } from '../i18n';
import { photoFacts } from '../../../shared/i18n/visit-phrases';
import { PhotoImage } from './PhotoImage';
import { PhotoViewer } from './PhotoViewer';
import { readAsBase64 } from './readFile';

const MAX_MB = MAX_PHOTO_BYTES / (1024 * 1024);

interface Props {
  visitId: string;
  photos: readonly VisitPhoto[];
  /** After photos were added or removed. */
  onChanged: () => void;
}

interface Progress {
  current: number;
  total: number;
  name: string;
}

/** Photos of the visit: import from disk one after the other with progress, thumbnails, a larger view. */
export function PhotosSection({ visitId, photos, onChanged }: Props) {
  const { t } = useTranslation();
  const client = useClient();
  const language = currentLanguage();
  const [progress, setProgress] = useState<Progress>();
  const [errors, setErrors] = useState<ErrorInfo[]>([]);
  const [added, setAdded] = useState(0);
  const [open, setOpen] = useState<VisitPhoto>();

  async function importFiles(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const files = [...(input.files ?? [])];
    if (files.length === 0) return;
    const failures: ErrorInfo[] = [];
    let done = 0;
    for (const [index, file] of files.entries()) {
      setProgress({ current: index + 1, total: files.length, name: file.name });
      try {
        // Refused here, before reading it: core would refuse it too, after a long upload.
        if (file.size > MAX_PHOTO_BYTES) throw new RelaisError('photo_too_large', { name: file.name, maxMb: MAX_MB });
        await client.call('visits.addPhoto', { visitId, name: file.name, base64: await readAsBase64(file) });
        done += 1;
      } catch (failure) {
        failures.push(toErrorInfo(failure));
      }
    }
    input.value = '';
    setProgress(undefined);
    setErrors(failures);
    setAdded(done);
    if (done > 0) onChanged();
  }

  async function remove(photo: VisitPhoto) {
    try {
      await client.call('visits.removePhoto', { photoId: photo.id });
      onChanged();
    } catch (failure) {
      setErrors([toErrorInfo(failure)]);
    }
  }

  return (
    <section className="fr-mt-4w" aria-labelledby={`photos-${visitId}`}>
      <h3 id={`photos-${visitId}`} className="fr-h5">
        {t('visits.photos.title')}
      </h3>
      <Upload
        label={t('visits.photos.add')}
        hint={t('visits.photos.hint', { maxMb: MAX_MB })}
        multiple
        disabled={progress !== undefined}
        nativeInputProps={{ accept: 'image/jpeg,image/png', onChange: (event) => void importFiles(event) }}
      />
      <div role="status" className="fr-mt-1w">
        {progress && (
          <>
            <progress max={progress.total} value={progress.current - 1} aria-label={t('visits.photos.progressLabel')} className="relais-photo-progress" />
            <span className="fr-text--sm fr-ml-1w">{t('visits.photos.importing', { ...progress })}</span>
          </>
        )}
        {!progress && added > 0 && <span className="fr-text--sm">{t('visits.photos.imported', { count: added })}</span>}
      </div>
      {errors.map((error, index) => (
        <ErrorAlert key={index} error={error} className="fr-mt-1w" />
      ))}
      {photos.length === 0 ? (
        <p className="relais-secondary fr-mt-2w">{t('visits.photos.empty')}</p>
      ) : (
        <ul className="relais-photo-grid fr-mt-2w" aria-label={t('visits.photos.listLabel')}>
          {photos.map((photo) => {
            const { taken, position } = photoFacts(t, photo, language);
            return (
              <li key={photo.id} className="relais-photo-card">
                <button type="button" className="relais-photo-card__open" onClick={() => setOpen(photo)} aria-label={t('visits.photos.open', { name: photo.name })}>
                  <PhotoImage photoId={photo.id} variant="thumbnail" alt="" className="relais-photo-card__image" />
                </button>
                <p className="fr-text--sm fr-mb-0 relais-ellipsis" title={photo.name}>
                  {photo.name}
                </p>
                <p className="fr-text--xs fr-mb-0 relais-secondary">{taken}</p>
                <p className="fr-text--xs fr-mb-0 relais-secondary">{position}</p>
                <Button
                  priority="tertiary no outline"
                  size="small"
                  iconId="fr-icon-delete-line"
                  onClick={() => void remove(photo)}
                  nativeButtonProps={{ 'aria-label': t('visits.photos.remove', { name: photo.name }) }}
                >
                  {t('visits.photos.removeShort')}
                </Button>
              </li>
            );
          })}
        </ul>
      )}
      {open && <PhotoViewer photo={open} onClose={() => setOpen(undefined)} />}
    </section>
  );
}
