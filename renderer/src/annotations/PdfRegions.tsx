import { Button } from '@codegouvfr/react-dsfr/Button';
import { useCallback, useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { Annotation, PageRect } from '../../../shared/domain/annotation';
import { useClient } from '../api/ClientProvider';
import { useCall } from '../api/useCall';
import { ErrorAlert } from '../components/ErrorAlert';
import type { ViewerHandle } from '../pdf/PdfViewer';
import { AnnotationCard } from './AnnotationCard';
import { AnnotationEditor } from './AnnotationEditor';
import { DEFAULT_REGION } from './geometry';
import { RegionLayer, usePageBoxes, type PageBox, type PendingRegion } from './RegionLayer';
import './annotations.css';

interface Props {
  dossierId: string;
  pieceId: string;
  handle: ViewerHandle;
  container: HTMLDivElement;
  pageNumber: number;
  /** A region to show once the document is laid out (from the address). */
  focusAnnotationId: string | null;
}

/** Scrolls the viewer so that the region is in sight, a little below the top. */
function scrollToRegion(container: HTMLElement, box: PageBox, rect: PageRect) {
  container.scrollTo({ top: Math.max(0, box.top + rect.y * box.height - 48), left: Math.max(0, box.left + rect.x * box.width - 48) });
}

/**
 * The highlights of one piece: drawn over its pages (in the viewer's scroll container) and
 * listed in a side panel, with the tools to add one by mouse or by keyboard.
 */
export function PdfRegions({ dossierId, pieceId, handle, container, pageNumber, focusAnnotationId }: Props) {
  const { t } = useTranslation();
  const client = useClient();
  const list = useCall('annotations.list', { dossierId });
  const drafts = useCall('drafts.get', { dossierId, area: 'annotation' });
  const draftKey = `annotation:region:${pieceId}:new`;
  const waitingDraft = drafts.data?.drafts.some((draft) => draft.key === draftKey) === true;
  const boxes = usePageBoxes(handle, container);
  const [drawing, setDrawing] = useState(false);
  const [pending, setPending] = useState<PendingRegion | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(focusAnnotationId);
  const pendingRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLElement>(null);
  /** The region kept in sight while pdf.js lays the pages out (first display, zoom), until the user scrolls. */
  const followed = useRef<string | null>(focusAnnotationId);

  const regions = (list.data?.annotations ?? [])
    .filter((annotation) => annotation.target.kind === 'region' && annotation.target.pieceId === pieceId)
    .sort((a, b) => (a.target.kind === 'region' && b.target.kind === 'region' ? a.target.page - b.target.page : 0));

  const jumpTo = useCallback(
    (annotation: Annotation) => {
      if (annotation.target.kind !== 'region') return;
      const box = boxes[annotation.target.page - 1];
      if (!box) return;
      setSelectedId(annotation.id);
      followed.current = annotation.id;
      scrollToRegion(container, box, annotation.target.rect);
      // The viewer itself may be below the fold (opened from a link): the window follows.
      container.querySelector(`[data-annotation-id="${annotation.id}"]`)?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    },
    [boxes, container],
  );

  // Each new layout moves the pages: the followed region is brought back into sight.
  useEffect(() => {
    const target = regions.find((region) => region.id === followed.current);
    if (target && boxes.length > 0) jumpTo(target);
    // Only a new layout or a new list calls for it, not a new jumpTo.
  }, [boxes, list.data]);

  useEffect(() => {
    const release = () => (followed.current = null);
    const events = ['wheel', 'pointerdown', 'keydown'] as const;
    for (const name of events) container.addEventListener(name, release, { passive: true });
    return () => {
      for (const name of events) container.removeEventListener(name, release);
    };
  }, [container]);

  useEffect(() => {
    if (!drawing) return;
    const stop = (event: KeyboardEvent) => event.key === 'Escape' && setDrawing(false);
    window.addEventListener('keydown', stop);
    return () => window.removeEventListener('keydown', stop);
  }, [drawing]);

  const annotatePage = () => {
    const next = { page: pageNumber, rect: DEFAULT_REGION };
    setPending(next);
    const box = boxes[pageNumber - 1];
    if (box) scrollToRegion(container, box, next.rect);
    // The new region takes the focus once drawn, so the arrow keys adjust it at once.
    requestAnimationFrame(() => pendingRef.current?.focus());
  };

  const selectFromPage = (annotation: Annotation) => {
    setSelectedId(annotation.id);
    panelRef.current?.querySelector<HTMLElement>(`[data-annotation-id="${annotation.id}"] button`)?.focus();
  };

  return (
    <>
      {createPortal(
        <RegionLayer
          boxes={boxes}
          regions={regions}
          selectedId={selectedId}
          onSelect={selectFromPage}
          drawing={drawing}
          pending={pending}
          onPending={(next, drawn) => {
            setPending(next);
            if (drawn) setDrawing(false);
          }}
          pendingRef={pendingRef}
        />,
        container,
      )}
      <aside ref={panelRef} className="relais-region-panel" aria-labelledby="region-panel-title">
        <h3 id="region-panel-title" className="fr-h6 fr-mb-2w">
          {t('annotations.region.panelTitle')}
        </h3>
        <div className="relais-annotation__actions fr-mb-2w">
          <Button size="small" iconId="fr-icon-add-line" onClick={annotatePage} disabled={boxes.length === 0}>
            {t('annotations.region.annotatePage', { page: pageNumber })}
          </Button>
          <Button
            size="small"
            priority="secondary"
            iconId="fr-icon-edit-box-line"
            aria-pressed={drawing}
            onClick={() => setDrawing((on) => !on)}
            disabled={boxes.length === 0}
          >
            {drawing ? t('annotations.region.stopDrawing') : t('annotations.region.draw')}
          </Button>
        </div>
        <p role="status" className="fr-text--sm">
          {drawing
            ? t('annotations.region.drawing')
            : pending
              ? t('annotations.region.adjust', { page: pending.page })
              : waitingDraft
                ? t('annotations.region.waitingDraft')
                : ''}
        </p>
        {pending && (
          <AnnotationEditor
            dossierId={dossierId}
            draftKey={draftKey}
            label={t('annotations.region.newLabel', { page: pending.page })}
            onSave={async (text, draftKey) => {
              await client.call('annotations.add', {
                dossierId,
                target: { kind: 'region', pieceId, page: pending.page, rect: pending.rect },
                text,
                draftKey,
              });
              list.reload();
            }}
            onClose={() => {
              setPending(null);
              drafts.reload();
            }}
          />
        )}
        {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}
        {list.data && regions.length === 0 && !pending && <p className="fr-text--sm">{t('annotations.region.panelEmpty')}</p>}
        <ul>
          {regions.map((region) =>
            region.target.kind === 'region' ? (
              <li key={region.id} aria-current={region.id === selectedId ? 'true' : undefined}>
                <AnnotationCard
                  annotation={region}
                  onChange={list.reload}
                  context={
                    <Button
                      size="small"
                      priority="tertiary no outline"
                      iconId="fr-icon-arrow-right-line"
                      onClick={() => jumpTo(region)}
                      nativeButtonProps={{ 'aria-label': t('annotations.region.jump', { page: region.target.page }) }}
                    >
                      {t('annotations.region.page', { page: region.target.page })}
                    </Button>
                  }
                />
              </li>
            ) : null,
          )}
        </ul>
      </aside>
    </>
  );
}
