import { Button } from '@codegouvfr/react-dsfr/Button';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Annotation } from '../../../shared/domain/annotation';
import { useClient } from '../api/ClientProvider';
import { AnnotationCard } from './AnnotationCard';
import { AnnotationEditor } from './AnnotationEditor';
import './annotations.css';

interface Props {
  dossierId: string;
  /** The field's index in the dossier's form. */
  position: number;
  label: string;
  comments: readonly Annotation[];
  /** Whether an unsaved comment on this field waits in a draft (its editor reopens). */
  hasDraft: boolean;
  onChange: () => void;
}

/** The comments on one form field, and a button to add one. */
export function FieldComments({ dossierId, position, label, comments, hasDraft, onChange }: Props) {
  const { t } = useTranslation();
  const client = useClient();
  const [adding, setAdding] = useState(false);

  return (
    <div className="relais-field-comments">
      {comments.map((comment) => (
        <AnnotationCard key={comment.id} annotation={comment} onChange={onChange} />
      ))}
      {adding || hasDraft ? (
        <AnnotationEditor
          dossierId={dossierId}
          draftKey={`annotation:field:${position}:new`}
          label={t('annotations.field.newLabel', { label })}
          onSave={async (text, draftKey) => {
            await client.call('annotations.add', { dossierId, target: { kind: 'field', position }, text, draftKey });
          }}
          onClose={() => {
            setAdding(false);
            onChange();
          }}
        />
      ) : (
        <Button
          size="small"
          priority="tertiary no outline"
          iconId="fr-icon-chat-3-line"
          onClick={() => setAdding(true)}
          nativeButtonProps={{ 'aria-label': t('annotations.field.commentNamed', { label }) }}
        >
          {t('annotations.field.comment')}
        </Button>
      )}
    </div>
  );
}
