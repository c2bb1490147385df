/** Lays a recorded document out into a PDF: what the document worker runs for each job. */
import type { DocumentBlock, DocumentMeta } from './blocks';
import { PdfLayout } from './layout';
import { documentId } from './pdfa';

export async function renderDocument(meta: DocumentMeta, blocks: readonly DocumentBlock[]): Promise<Uint8Array> {
  const layout = await PdfLayout.create(meta, documentId(meta, blocks));
  for (const [index, block] of blocks.entries()) {
    const next = blocks[index + 1];
    switch (block.kind) {
      case 'title':
        layout.title(block.text, block.subtitle);
        break;
      case 'heading':
        layout.heading(block.text, block.level);
        break;
      case 'paragraph': {
        const { kind: _kind, text, ...options } = block;
        // A signature field is never alone at the top of a page: the paragraph above goes with it.
        layout.paragraph(text, { ...options, reserveAfter: next?.kind === 'signatureField' ? next.height : undefined });
        break;
      }
      case 'signatureField':
        layout.signatureField(block.name, block.height);
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
