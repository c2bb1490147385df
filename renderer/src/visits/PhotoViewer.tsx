import { Button } from '@codegouvfr/react-dsfr/Button';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { VisitPhoto } from '../../../shared/channels/visits';
import { currentLanguage } from '../i18n';
import { photoFacts } from '../../../shared/i18n/visit-phrases';
import { PhotoImage } from './PhotoImage';

interface Props {
  photo: VisitPhoto;
  onClose: () => void;
}

/** The photo at full size in a modal dialog: Escape or the close button brings the focus back. */
export function PhotoViewer({ photo, onClose }: Props) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    element?.showModal();
    return () => element?.close();
  }, []);
  const { taken, position } = photoFacts(t, photo, currentLanguage());
  return (
    <dialog ref={dialog} className="relais-photo-viewer" aria-labelledby={`photo-title-${photo.id}`} onClose={onClose}>
      <div className="relais-photo-viewer__head">
        <h2 id={`photo-title-${photo.id}`} className="fr-h5 fr-mb-0">
          {t('visits.photos.viewerTitle', { name: photo.name })}
        </h2>
        <Button priority="tertiary" size="small" iconId="fr-icon-close-line" onClick={onClose}>
          {t('visits.photos.close')}
        </Button>
      </div>
      <PhotoImage photoId={photo.id} variant="full" alt={photo.name} className="relais-photo-viewer__image" />
      <p className="fr-text--sm fr-mb-0">
        {taken} · {position}
      </p>
    </dialog>
  );
}
