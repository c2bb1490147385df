/**
 * The built-in PDF reader: pdf.js' own viewer components (pages drawn lazily as they scroll
 * into view, text layer, find controller) inside DSFR controls. No script in a PDF ever runs:
 * eval is off, no scripting manager is given, and forms are drawn but not interactive.
 */
import {
  AnnotationMode,
  getDocument,
  GlobalWorkerOptions,
  PDFWorker,
  type PDFDocumentLoadingTask,
  type PDFDocumentProxy,
} from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import 'pdfjs-dist/web/pdf_viewer.css';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { RelaisError, type ErrorInfo } from '../../../shared/errors';
import { useClient } from '../api/ClientProvider';
import { ErrorAlert } from '../components/ErrorAlert';
import { base64ToBytes } from './base64';
import { PdfToolbar, type FindStatus } from './PdfToolbar';

GlobalWorkerOptions.workerSrc = workerUrl;
// The viewer components read `globalThis.pdfjsLib`, which the import above has just set.
const viewerComponents = import('pdfjs-dist/web/pdf_viewer.mjs');

type Components = Awaited<typeof viewerComponents>;

let sharedWorker: PDFWorker | undefined;

/** One pdf.js worker for every piece opened: starting one costs more than reading a document. */
export function startPdfWorker(): PDFWorker {
  sharedWorker ??= new PDFWorker();
  return sharedWorker;
}

export interface ViewerHandle {
  pdfViewer: InstanceType<Components['PDFViewer']>;
  eventBus: InstanceType<Components['EventBus']>;
}

/** What a companion of the viewer (the annotations' side panel) works with once the document is open. */
export interface OpenViewer {
  handle: ViewerHandle;
  /** The scroll container: overlays placed in it scroll and zoom with the pages. */
  container: HTMLDivElement;
  pageNumber: number;
}

/** A piece of the dossier, read from the case file; or a document whose bytes the caller holds (a decision's preview). */
export type PdfSource = { pieceId: string } | { base64: string };

interface Props {
  source: PdfSource;
  name: string;
  /** Shown beside the pages once the document is open. */
  aside?: (viewer: OpenViewer) => ReactNode;
}

export default function PdfViewer({ source, name, aside }: Props) {
  const { t } = useTranslation();
  const client = useClient();
  const containerRef = useRef<HTMLDivElement>(null);
  const viewerRef = useRef<HTMLDivElement>(null);
  const [handle, setHandle] = useState<ViewerHandle>();
  const [error, setError] = useState<ErrorInfo>();
  const [pageCount, setPageCount] = useState(0);
  const [pageNumber, setPageNumber] = useState(1);
  const [scale, setScale] = useState(1);
  const [find, setFind] = useState<FindStatus>({ state: 'idle', current: 0, total: 0 });

  const pieceId = 'pieceId' in source ? source.pieceId : undefined;
  const givenBase64 = 'base64' in source ? source.base64 : undefined;

  useEffect(() => {
    let cancelled = false;
    let loadingTask: PDFDocumentLoadingTask | undefined;
    let shownIn: { pagesPromise: Promise<void> | null } | undefined;

    (async () => {
      const [content, { EventBus, PDFFindController, PDFLinkService, PDFViewer, FindState }] = await Promise.all([
        pieceId === undefined ? { base64: givenBase64 ?? '' } : client.call('pieces.content', { pieceId }),
        viewerComponents,
      ]);
      if (cancelled) return;
      // A piece comes from outside: no eval (PostScript functions are interpreted), no XFA, no
      // image past 100 megapixels decoded; and no PDFScriptingManager is ever created, so the
      // document's JavaScript and actions never run (pdf.js runs scripts only through one).
      loadingTask = getDocument({
        data: base64ToBytes(content.base64),
        worker: startPdfWorker(),
        isEvalSupported: false,
        enableXfa: false,
        maxImageSize: 100_000_000,
      });
      const document: PDFDocumentProxy = await loadingTask.promise;
      if (cancelled || !containerRef.current || !viewerRef.current) return;

      const eventBus = new EventBus();
      const linkService = new PDFLinkService({ eventBus });
      const findController = new PDFFindController({ eventBus, linkService });
      const pdfViewer = new PDFViewer({
        container: containerRef.current,
        viewer: viewerRef.current,
        eventBus,
        linkService,
        findController,
        annotationMode: AnnotationMode.ENABLE,
        // No links inferred from an applicant's text: nothing in a piece should invite a click
        // away from the desk (and the inference races with re-rendering on zoom).
        enableAutoLinking: false,
      });
      linkService.setViewer(pdfViewer);

      eventBus.on('pagesinit', () => {
        pdfViewer.currentScaleValue = 'page-width';
      });
      eventBus.on('pagechanging', ({ pageNumber: page }: { pageNumber: number }) => setPageNumber(page));
      eventBus.on('scalechanging', ({ scale: next }: { scale: number }) => setScale(next));
      eventBus.on('updatefindmatchescount', ({ matchesCount }: { matchesCount: { current: number; total: number } }) =>
        setFind((previous) => ({ ...previous, ...matchesCount })),
      );
      eventBus.on(
        'updatefindcontrolstate',
        ({ state, matchesCount }: { state: number; matchesCount: { current: number; total: number } }) =>
          setFind({
            state: state === FindState.NOT_FOUND ? 'notFound' : state === FindState.PENDING ? 'pending' : 'found',
            current: matchesCount.current,
            total: matchesCount.total,
          }),
      );

      pdfViewer.setDocument(document);
      shownIn = pdfViewer;
      linkService.setDocument(document, null);
      setPageCount(document.numPages);
      setHandle({ pdfViewer, eventBus });
    })().catch((failure: unknown) => {
      if (cancelled) return;
      // The store refused the bytes (hash mismatch, missing blob) or pdf.js could not read them.
      setError(failure instanceof RelaisError ? failure.toInfo() : { code: 'piece_unreadable', params: { name } });
    });

    return () => {
      cancelled = true;
      // Destroying the task frees the document (the shared worker stays); the viewer goes with the DOM.
      // pdf.js logs an error for each page it was still setting up when its document goes (a
      // preview replaced right after it opened): let the viewer finish its pages first.
      const task = loadingTask;
      void (shownIn?.pagesPromise ?? Promise.resolve()).catch(() => undefined).finally(() => task?.destroy());
    };
  }, [client, pieceId, givenBase64, name]);

  const pages = (
    <div className="relais-pdf" data-state={error ? 'error' : handle ? 'ready' : 'loading'}>
      {error ? (
        <ErrorAlert error={error} />
      ) : (
        <>
          {handle ? (
            <PdfToolbar handle={handle} pageCount={pageCount} pageNumber={pageNumber} scale={scale} find={find} />
          ) : (
            <p role="status">{t('pdf.loading')}</p>
          )}
          <div className="relais-pdf__frame">
            <div
              ref={containerRef}
              className="relais-pdf__container"
              tabIndex={0}
              role="region"
              aria-label={t('pdf.pagesLabel', { name })}
            >
              <div ref={viewerRef} className="pdfViewer" />
            </div>
          </div>
        </>
      )}
    </div>
  );
  if (!aside) return pages;
  return (
    <div className="relais-pdf-annotated">
      {pages}
      {handle && containerRef.current && !error && aside({ handle, container: containerRef.current, pageNumber })}
    </div>
  );
}
