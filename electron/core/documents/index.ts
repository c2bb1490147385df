/** The layout module for the PDFs Relais writes. */
export type { DocumentData, DocumentMeta, Fact, ImageOptions, ParagraphOptions, TableColumn } from './blocks';
export { frenchTypography, NARROW_NBSP, NBSP } from './typography';
export { DocumentWriter } from './writer';
