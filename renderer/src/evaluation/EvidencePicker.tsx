import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PieceView } from '../../../shared/contract';
import type { Annotation } from '../../../shared/domain/annotation';
import { regionSearch } from '../annotations/AnnotationsTab';
import { evidenceKey, MAX_EVIDENCE, type Evidence } from '../../../shared/domain/evaluation';
import { annotationName, evidenceName } from './evaluationText';

interface Props {
  idPrefix: string;
  evidence: readonly Evidence[];
  pieces: readonly PieceView[];
  annotations: readonly Annotation[];
  onChange: (evidence: Evidence[]) => Promise<boolean>;
}

/** Where an evidence is read: its piece, the region on its page, or the Annotations tab for a note or a field comment. */
function evidenceSearch(evidence: Evidence, annotations: readonly Annotation[]): string {
  if (evidence.kind === 'piece') return `?${new URLSearchParams({ onglet: 'pieces', piece: evidence.pieceId }).toString()}`;
  const annotation = annotations.find((candidate) => candidate.id === evidence.annotationId);
  return annotation?.target.kind === 'region' ? regionSearch(annotation) : '?onglet=annotations';
}

/** `piece:<id>` or `annotation:<id>`: the value of the source select. */
function evidenceOf(source: string, page: string): Evidence | null {
  const [kind, id] = source.split(':');
  if (!id) return null;
  if (kind === 'annotation') return { kind: 'annotation', annotationId: id };
  return { kind: 'piece', pieceId: id, page: page === '' ? null : Number(page) };
}

/** The evidence linked to a criterion, and a picker among the dossier's pieces (optionally a page) and annotations. */
export function EvidencePicker({ idPrefix, evidence, pieces, annotations, onChange }: Props) {
  const { t } = useTranslation();
  const [source, setSource] = useState('');
  const [page, setPage] = useState('');
  const piece = source.startsWith('piece:') ? pieces.find((candidate) => `piece:${candidate.id}` === source) : undefined;
  const pageCount = piece?.pageCount ?? 0;
  const chosen = evidenceOf(source, page);
  const pageValid = page === '' || (Number.isInteger(Number(page)) && Number(page) >= 1 && Number(page) <= pageCount);
  const alreadyLinked = chosen !== null && evidence.some((item) => evidenceKey(item) === evidenceKey(chosen));
  const canAdd = chosen !== null && pageValid && !alreadyLinked && evidence.length < MAX_EVIDENCE;

  const add = async () => {
    if (!chosen || !canAdd) return;
    if (await onChange([...evidence, chosen])) {
      setSource('');
      setPage('');
    }
  };

  return (
    <div className="relais-evaluation__evidence">
      <p className="fr-text--bold fr-mb-1w" id={`${idPrefix}-evidence-title`}>
        {t('evaluation.evidence.title')}
      </p>
      {evidence.length === 0 ? (
        <p className="fr-text--sm relais-secondary fr-mb-2w">{t('evaluation.evidence.none')}</p>
      ) : (
        <ul className="relais-plain-list fr-mb-2w" aria-labelledby={`${idPrefix}-evidence-title`}>
          {evidence.map((item) => {
            const name = evidenceName(t, item, pieces, annotations);
            return (
              <li key={evidenceKey(item)} className="relais-evaluation__evidence-item">
                <Link to={{ search: evidenceSearch(item, annotations) }} title={t('evaluation.evidence.open', { name })}>
                  {name}
                </Link>
                <Button
                  priority="tertiary no outline"
                  size="small"
                  iconId="fr-icon-close-line"
                  title={t('evaluation.evidence.remove', { name })}
                  onClick={() => void onChange(evidence.filter((other) => evidenceKey(other) !== evidenceKey(item)))}
                />
              </li>
            );
          })}
        </ul>
      )}
      <div className="relais-evaluation__evidence-form">
        <Select
          label={t('evaluation.evidence.source')}
          nativeSelectProps={{ id: `${idPrefix}-evidence-source`, value: source, onChange: (event) => setSource(event.target.value) }}
        >
          <option value="">{t('evaluation.evidence.choose')}</option>
          {pieces.length > 0 && (
            <optgroup label={t('evaluation.evidence.pieces')}>
              {pieces.map((candidate) => (
                <option key={candidate.id} value={`piece:${candidate.id}`}>
                  {candidate.name}
                </option>
              ))}
            </optgroup>
          )}
          {annotations.length > 0 && (
            <optgroup label={t('evaluation.evidence.annotations')}>
              {annotations.map((annotation) => (
                <option key={annotation.id} value={`annotation:${annotation.id}`}>
                  {annotationName(t, annotation)}
                </option>
              ))}
            </optgroup>
          )}
        </Select>
        {pageCount > 0 && (
          <Input
            label={t('evaluation.evidence.page')}
            hintText={t('evaluation.evidence.pageHint', { count: pageCount })}
            state={pageValid ? 'default' : 'error'}
            stateRelatedMessage={pageValid ? undefined : t('evaluation.evidence.pageHint', { count: pageCount })}
            nativeInputProps={{
              id: `${idPrefix}-evidence-page`,
              type: 'number',
              inputMode: 'numeric',
              min: 1,
              max: pageCount,
              value: page,
              onChange: (event) => setPage(event.target.value),
            }}
          />
        )}
        <Button priority="secondary" size="small" iconId="fr-icon-link" disabled={!canAdd} onClick={() => void add()}>
          {t('evaluation.evidence.add')}
        </Button>
      </div>
    </div>
  );
}
