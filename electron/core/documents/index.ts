/** The layout module for the PDFs Relais writes. */
export type { DocumentMeta, Fact, ImageOptions, TableColumn } from './blocks';
export { frenchTypography, NARROW_NBSP, NBSP } from './typography';
export { DocumentWriter } from './writer';
