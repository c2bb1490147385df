/**
 * PAdES baseline B-B signing (ETSI EN 319 142-1): a visible signature added to a PDF as an
 * incremental update, so that a document already signed is countersigned and its earlier
 * signatures stay valid.
 */
import { PDFDocument, PDFName } from '@cantoo/pdf-lib';
import { RelaisError } from '../../../shared/errors';
import { signatureAppearance, type VisibleSignature } from './appearance';
import { cadesDetachedSignature } from './cms';
import { fillSignature, signatureDictionary } from './placeholder';
import { setSignatureFlags, signatureSlot } from './signature-field';
import type { Signer } from './signer';

export type { VisibleSignature } from './appearance';

export async function signPdf(pdf: Uint8Array, signer: Signer, visible: VisibleSignature): Promise<Uint8Array> {
  const doc = await loadForSigning(pdf);
  const slot = signatureSlot(doc);
  const appearance = await signatureAppearance(doc, visible, slot.width, slot.height);
  slot.widget.set(PDFName.of('AP'), doc.context.obj({ N: appearance }));
  slot.field.set(PDFName.of('V'), doc.context.register(signatureDictionary(doc, visible)));
  setSignatureFlags(doc);
  const prepared = await doc.save();
  return fillSignature(prepared, pdf.byteLength, (digest) => cadesDetachedSignature(signer, digest));
}

async function loadForSigning(pdf: Uint8Array): Promise<PDFDocument> {
  if (Buffer.from(pdf.subarray(0, 1024)).indexOf('%PDF-') < 0) throw new RelaisError('pdf_not_signable');
  let doc: PDFDocument;
  try {
    // updateMetadata off: the Info dictionary must keep agreeing with the XMP of a PDF/A file.
    doc = await PDFDocument.load(pdf, { forIncrementalUpdate: true, updateMetadata: false });
  } catch {
    throw new RelaisError('pdf_not_signable');
  }
  if (doc.isEncrypted || doc.getPageCount() === 0) throw new RelaisError('pdf_not_signable');
  return doc;
}
