/** Uploads gone wrong, as instructors meet them: a PDF cut short, and a file that only claims to be one. */
import type { PoolDocument } from './piece-pool';
import type { Random } from './random';

export function damagedPieces(random: Random, intact: PoolDocument): PoolDocument[] {
  // A Word file renamed .pdf: a ZIP header and compressed-looking bytes.
  const notPdf = new Uint8Array(6_000);
  notPdf.set([0x50, 0x4b, 0x03, 0x04]);
  notPdf.set(random.bytes(notPdf.length - 4), 4);
  return [
    {
      name: 'Devis scanné (transfert interrompu).pdf',
      kind: 'devis',
      mimeType: 'application/pdf',
      themeId: null,
      bytes: intact.bytes.slice(0, Math.floor(intact.bytes.length * 0.4)),
    },
    { name: 'Attestation de régularité fiscale.pdf', kind: 'autre', mimeType: 'application/pdf', themeId: null, bytes: notPdf },
  ];
}
