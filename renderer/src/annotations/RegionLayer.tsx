import { useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Annotation, PageRect } from '../../../shared/domain/annotation';
import type { ViewerHandle } from '../pdf/PdfViewer';
import { nudge, pointIn, rectFromPoints, type Point } from './geometry';

/** A page's drawn area in the scroll container's content coordinates. */
export interface PageBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface PendingRegion {
  page: number;
  rect: PageRect;
}

/**
 * Where each page is drawn, read again whenever pdf.js lays pages out anew (zoom, first
 * rendering, window size). Pages are rendered lazily but laid out at once, so every page has a box.
 */
export function usePageBoxes(handle: ViewerHandle, container: HTMLElement): PageBox[] {
  const [boxes, setBoxes] = useState<PageBox[]>([]);
  useEffect(() => {
    let frame = 0;
    const measure = () => {
      cancelAnimationFrame(frame);
      // After pdf.js has applied the new scale to the page elements.
      frame = requestAnimationFrame(() => {
        const origin = container.getBoundingClientRect();
        const next: PageBox[] = [];
        for (let index = 0; index < handle.pdfViewer.pagesCount; index++) {
          const div = handle.pdfViewer.getPageView(index)?.div as HTMLElement | undefined;
          if (!div) continue;
          const box = div.getBoundingClientRect();
          next.push({
            left: box.left - origin.left + container.scrollLeft + div.clientLeft,
            top: box.top - origin.top + container.scrollTop + div.clientTop,
            width: div.clientWidth,
            height: div.clientHeight,
          });
        }
        // pdf.js renders pages as they scroll into view: most events leave the layout as it was.
        setBoxes((previous) => (JSON.stringify(previous) === JSON.stringify(next) ? previous : next));
      });
    };
    const events = ['pagesinit', 'scalechanging', 'pagerendered', 'rotationchanging'];
    for (const name of events) handle.eventBus.on(name, measure);
    window.addEventListener('resize', measure);
    measure();
    return () => {
      cancelAnimationFrame(frame);
      for (const name of events) handle.eventBus.off(name, measure);
      window.removeEventListener('resize', measure);
    };
  }, [handle, container]);
  return boxes;
}

const percent = (rect: PageRect) => ({
  left: `${rect.x * 100}%`,
  top: `${rect.y * 100}%`,
  width: `${rect.width * 100}%`,
  height: `${rect.height * 100}%`,
});

interface Props {
  boxes: PageBox[];
  regions: Annotation[];
  selectedId: string | null;
  onSelect: (annotation: Annotation) => void;
  drawing: boolean;
  pending: PendingRegion | null;
  /** `drawn`: the mouse was released, the region is drawn. */
  onPending: (pending: PendingRegion, drawn: boolean) => void;
  /** The new region's element, focused so that the arrow keys adjust it. */
  pendingRef: React.RefObject<HTMLButtonElement | null>;
}

/** The regions drawn over the pages, and in drawing mode a surface on each page to draw on. */
export function RegionLayer({ boxes, regions, selectedId, onSelect, drawing, pending, onPending, pendingRef }: Props) {
  const { t } = useTranslation();
  const start = useRef<{ page: number; point: Point } | null>(null);

  const pointOn = (event: ReactPointerEvent<HTMLElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    return pointIn(box, event.clientX, event.clientY);
  };

  return (
    <div className={`relais-region-layer${drawing ? ' relais-region-layer--drawing' : ''}`}>
      {boxes.map((box, index) => {
        const page = index + 1;
        const onPage = regions.filter((region) => region.target.kind === 'region' && region.target.page === page);
        const pendingHere = pending?.page === page ? pending : null;
        if (!drawing && onPage.length === 0 && !pendingHere) return null;
        return (
          <div
            key={page}
            className="relais-region-page"
            style={{ left: box.left, top: box.top, width: box.width, height: box.height }}
            data-page={page}
            onPointerDown={(event) => {
              if (!drawing || event.button !== 0) return;
              event.preventDefault();
              event.currentTarget.setPointerCapture(event.pointerId);
              start.current = { page, point: pointOn(event) };
              onPending({ page, rect: rectFromPoints(start.current.point, start.current.point) }, false);
            }}
            onPointerMove={(event) => {
              if (!drawing || start.current?.page !== page) return;
              onPending({ page, rect: rectFromPoints(start.current.point, pointOn(event)) }, false);
            }}
            onPointerUp={(event) => {
              if (!drawing || start.current?.page !== page) return;
              onPending({ page, rect: rectFromPoints(start.current.point, pointOn(event)) }, true);
              start.current = null;
              pendingRef.current?.focus();
            }}
          >
            {onPage.map((region) =>
              region.target.kind === 'region' ? (
                <button
                  key={region.id}
                  type="button"
                  tabIndex={-1}
                  className={`relais-region${region.id === selectedId ? ' relais-region--selected' : ''}`}
                  style={percent(region.target.rect)}
                  data-annotation-id={region.id}
                  aria-label={t('annotations.region.overlay', { page, text: region.text.slice(0, 120) })}
                  onClick={() => onSelect(region)}
                />
              ) : null,
            )}
            {pendingHere && (
              <button
                ref={pendingRef}
                type="button"
                className="relais-region relais-region--pending"
                style={percent(pendingHere.rect)}
                aria-label={t('annotations.region.pending', { page })}
                aria-description={t('annotations.region.adjust', { page })}
                onKeyDown={(event) => {
                  const next = nudge(pendingHere.rect, event.key, event.shiftKey);
                  if (!next) return;
                  event.preventDefault();
                  onPending({ page, rect: next }, false);
                }}
              />
            )}
          </div>
        );
      })}
    </div>
  );
}
