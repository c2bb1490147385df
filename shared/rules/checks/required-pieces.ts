/** The pieces without which the request cannot be examined: a quote, a Kbis extract, a financing plan. */
import type { DossierCheck } from '../../domain/checks';
import type { Piece, PieceKind } from '../../domain/dossier';

export const REQUIRED_PIECE_KINDS: readonly PieceKind[] = ['devis', 'extrait_kbis', 'plan_financement'];

/** The required kinds that no piece of the dossier is of (what a request for missing pieces lists). */
export function missingPieceKinds(pieces: readonly Pick<Piece, 'kind'>[]): PieceKind[] {
  const present = new Set(pieces.map((piece) => piece.kind));
  return REQUIRED_PIECE_KINDS.filter((kind) => !present.has(kind));
}

export function requiredPiecesCheck(pieces: readonly Pick<Piece, 'kind'>[]): DossierCheck {
  const missing = missingPieceKinds(pieces);
  const basis = 'décret n° 2018-514, art. 3';
  if (missing.length === 0) return { id: 'required_pieces', status: 'ok', due: null, basis, params: { reason: 'present' } };
  return {
    id: 'required_pieces',
    status: 'failed',
    due: null,
    basis,
    params: { reason: 'missing', missing: missing.join(','), count: missing.length },
  };
}
