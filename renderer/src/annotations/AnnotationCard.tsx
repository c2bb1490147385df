import { Button } from '@codegouvfr/react-dsfr/Button';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Annotation } from '../../../shared/domain/annotation';
import type { ErrorInfo } from '../../../shared/errors';
import { useClient } from '../api/ClientProvider';
import { toErrorInfo } from '../api/errorInfo';
import { ErrorAlert } from '../components/ErrorAlert';
import { formatDateTime } from '../format';
import { currentLanguage } from '../i18n';
import { AnnotationEditor } from './AnnotationEditor';

interface Props {
  annotation: Annotation;
  /** Called once the annotation changed, to read the list again. */
  onChange: () => void;
  /** What the annotation is attached to (a field, a page), shown above its text. */
  context?: ReactNode;
}

/** One annotation: its text, who wrote it and when, edit and remove (unless removed), and every version. */
export function AnnotationCard({ annotation, onChange, context }: Props) {
  const { t } = useTranslation();
  const client = useClient();
  const language = currentLanguage();
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<ErrorInfo>();

  const remove = async () => {
    setError(undefined);
    try {
      await client.call('annotations.remove', { annotationId: annotation.id, expectedVersion: annotation.version });
      onChange();
    } catch (failure) {
      setError(toErrorInfo(failure));
    }
  };

  return (
    <article className="relais-annotation" data-annotation-id={annotation.id} aria-label={annotation.text.slice(0, 80)}>
      {context && <p className="fr-text--sm fr-mb-1v relais-secondary">{context}</p>}
      {editing ? (
        <AnnotationEditor
          dossierId={annotation.dossierId}
          draftKey={`annotation:edit:${annotation.id}`}
          label={t('annotations.editLabel')}
          initialText={annotation.text}
          onSave={async (text, draftKey) => {
            await client.call('annotations.edit', { annotationId: annotation.id, expectedVersion: annotation.version, text, draftKey });
            onChange();
          }}
          onClose={() => setEditing(false)}
          onReload={onChange}
        />
      ) : (
        <p className="relais-prewrap fr-mb-1w">{annotation.text}</p>
      )}
      <p className="fr-text--xs relais-secondary fr-mb-1w">
        {t('annotations.byline', { who: annotation.createdBy, when: formatDateTime(annotation.createdAt, language) })}
        {annotation.version > 1 && <> · {t('annotations.edited', { version: annotation.version })}</>}
      </p>
      {!editing && !annotation.removed && (
        <div className="relais-annotation__actions">
          <Button
            size="small"
            priority="tertiary"
            iconId="fr-icon-edit-line"
            onClick={() => setEditing(true)}
            nativeButtonProps={{ 'aria-label': t('annotations.editNamed', { who: annotation.createdBy }) }}
          >
            {t('annotations.edit')}
          </Button>
          <Button
            size="small"
            priority="tertiary"
            iconId="fr-icon-delete-line"
            onClick={() => void remove()}
            nativeButtonProps={{ 'aria-label': t('annotations.removeNamed', { who: annotation.createdBy }) }}
          >
            {t('annotations.remove')}
          </Button>
        </div>
      )}
      {error && <ErrorAlert error={error} onRetry={onChange} className="fr-mt-1w" />}
      {annotation.versions.length > 1 && (
        <details className="relais-annotation__versions">
          <summary>{t('annotations.versions', { count: annotation.versions.length })}</summary>
          <ol>
            {[...annotation.versions].reverse().map((version) => (
              <li key={version.version}>
                <span className="fr-text--xs relais-secondary relais-block">
                  {t('annotations.versionLine', { version: version.version, who: version.by, when: formatDateTime(version.at, language) })}
                  {version.removed && <> · {t('annotations.removedVersion')}</>}
                </span>
                <span className="relais-prewrap">{version.text}</span>
              </li>
            ))}
          </ol>
        </details>
      )}
    </article>
  );
}
