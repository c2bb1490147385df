/** pdf.js is large: its code is fetched when a dossier's pieces are shown, not with the desk. */
export const loadPdfViewer = () => import('./PdfViewer');

export type PdfViewerModule = Awaited<ReturnType<typeof loadPdfViewer>>;
