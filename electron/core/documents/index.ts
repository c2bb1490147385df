/** The layout module for the PDFs Relais writes. */
export { DocumentWriter, type DocumentMeta, type Fact, type ImageOptions, type TableColumn } from './layout';
export { frenchTypography, NARROW_NBSP, NBSP } from './typography';
