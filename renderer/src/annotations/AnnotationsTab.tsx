import { Button } from '@codegouvfr/react-dsfr/Button';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Annotation } from '../../../shared/domain/annotation';
import { useClient } from '../api/ClientProvider';
import { useCall } from '../api/useCall';
import { ErrorAlert } from '../components/ErrorAlert';
import { AnnotationCard } from './AnnotationCard';
import { AnnotationEditor } from './AnnotationEditor';
import './annotations.css';

/** The address of a piece opened on a region, which the viewer scrolls to. */
export function regionSearch(annotation: Annotation): string {
  if (annotation.target.kind !== 'region') return '';
  return `?${new URLSearchParams({ onglet: 'pieces', piece: annotation.target.pieceId, annotation: annotation.id }).toString()}`;
}

function RegionLink({ annotation }: { annotation: Annotation }) {
  const { t } = useTranslation();
  if (annotation.target.kind !== 'region') return null;
  const names = { page: annotation.target.page, piece: annotation.targetLabel ?? '' };
  return (
    <Link to={{ search: regionSearch(annotation) }} className="fr-link fr-icon-eye-line fr-link--icon-left" aria-label={t('annotations.region.openNamed', names)}>
      {t('annotations.region.target', names)}
    </Link>
  );
}

const NEW_NOTE_DRAFT = 'annotation:note:new';

/** Every annotation of the dossier, by kind, and a new note. */
export function AnnotationsTab({ dossierId }: { dossierId: string }) {
  const { t } = useTranslation();
  const client = useClient();
  // Removed annotations too: their versions stay readable, apart.
  const list = useCall('annotations.list', { dossierId, includeRemoved: true });
  const drafts = useCall('drafts.get', { dossierId, area: 'annotation' });
  const [adding, setAdding] = useState(false);
  const annotations = (list.data?.annotations ?? []).filter((annotation) => !annotation.removed);
  const removed = (list.data?.annotations ?? []).filter((annotation) => annotation.removed);
  const byKind = (kind: Annotation['target']['kind']) => annotations.filter((annotation) => annotation.target.kind === kind);
  const contextOf = (annotation: Annotation) =>
    annotation.target.kind === 'field' ? (
      t('annotations.field.target', { label: annotation.targetLabel ?? '' })
    ) : annotation.target.kind === 'region' ? (
      <RegionLink annotation={annotation} />
    ) : undefined;
  // An unsaved note from an earlier visit reopens its editor.
  const noteEditorOpen = adding || drafts.data?.drafts.some((draft) => draft.key === NEW_NOTE_DRAFT) === true;

  const sections = [
    { kind: 'note', title: t('annotations.notesTitle') },
    { kind: 'field', title: t('annotations.fieldsTitle') },
    { kind: 'region', title: t('annotations.regionsTitle') },
  ] as const;

  return (
    <div className="relais-annotations">
      <p className="fr-text--sm relais-secondary">
        <span className="fr-badge fr-badge--sm fr-badge--info fr-badge--no-icon fr-mr-1w">{t('annotations.private')}</span>
        {t('annotations.intro')}
      </p>
      {noteEditorOpen ? (
        <AnnotationEditor
          dossierId={dossierId}
          draftKey={NEW_NOTE_DRAFT}
          label={t('annotations.newNote')}
          onSave={async (text, draftKey) => {
            await client.call('annotations.add', { dossierId, target: { kind: 'note' }, text, draftKey });
            list.reload();
          }}
          onClose={() => {
            setAdding(false);
            drafts.reload();
          }}
        />
      ) : (
        <Button iconId="fr-icon-add-line" onClick={() => setAdding(true)} disabled={!drafts.data && !drafts.error}>
          {t('annotations.addNote')}
        </Button>
      )}
      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} className="fr-mt-2w" />}
      {!list.data && !list.error && <p role="status">{t('annotations.loading')}</p>}
      {list.data && annotations.length === 0 && <p className="fr-mt-3w">{t('annotations.empty')}</p>}
      {sections.map(({ kind, title }) => {
        const items = byKind(kind);
        if (items.length === 0) return null;
        return (
          <section key={kind} className="fr-mt-4w" aria-labelledby={`annotations-${kind}`}>
            <h2 id={`annotations-${kind}`} className="fr-h4">
              {title}
            </h2>
            {items.map((annotation) => (
              <AnnotationCard
                key={annotation.id}
                annotation={annotation}
                onChange={list.reload}
                context={contextOf(annotation)}
              />
            ))}
          </section>
        );
      })}
      {removed.length > 0 && (
        <details className="relais-annotation__versions fr-mt-4w">
          <summary>{t('annotations.removedTitle', { count: removed.length })}</summary>
          {removed.map((annotation) => (
            <AnnotationCard key={annotation.id} annotation={annotation} onChange={list.reload} context={contextOf(annotation)} />
          ))}
        </details>
      )}
    </div>
  );
}
