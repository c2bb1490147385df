import { useEffect, useState } from 'react';

/** pdf.js is large: its code is fetched when a document is about to be shown, not with the desk. */
export const loadPdfViewer = () => import('./PdfViewer');

export type PdfViewerModule = Awaited<ReturnType<typeof loadPdfViewer>>;

/**
 * The viewer's code, fetched (and its worker started) as soon as a screen may show a document,
 * so that opening one only has the document to read. Held in state rather than behind
 * React.lazy, whose Suspense would hold the viewer back for a few hundred milliseconds.
 */
export function usePdfViewerModule(): PdfViewerModule | undefined {
  const [module, setModule] = useState<PdfViewerModule>();
  useEffect(() => {
    let current = true;
    void loadPdfViewer().then(async (loaded) => {
      await loaded.startPdfWorker().promise;
      if (current) setModule(loaded);
    });
    return () => {
      current = false;
    };
  }, []);
  return module;
}
