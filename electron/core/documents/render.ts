/** Lays a recorded document out into a PDF: what the document worker runs for each job. */
import type { DocumentBlock, DocumentMeta } from './blocks';
import { PdfLayout } from './layout';

export async function renderDocument(meta: DocumentMeta, blocks: readonly DocumentBlock[]): Promise<Uint8Array> {
  const layout = await PdfLayout.create(meta);
  for (const block of blocks) {
    switch (block.kind) {
      case 'title':
        layout.title(block.text, block.subtitle);
        break;
      case 'heading':
        layout.heading(block.text, block.level);
        break;
      case 'paragraph':
        layout.paragraph(block.text, { muted: block.muted, size: block.size });
        break;
      case 'facts':
        layout.facts(block.facts);
        break;
      case 'table':
        layout.table(block.columns, block.rows);
        break;
      case 'image':
        await layout.image(block.bytes, block.options);
        break;
      case 'pageBreak':
        layout.pageBreak();
        break;
    }
  }
  return layout.save();
}
