/** The channel that attaches a file from outside DS to a dossier (the other pieces come with it from DS). */
import { z } from 'zod';
import { defineChannels } from './channel';
import { PieceView } from './desk';
import { Id } from '../domain/dossier';
import { AttachNotice, MAX_ATTACH_BYTES } from '../domain/attached-piece';

export * from '../domain/attached-piece';

/** The base64 text of the largest file accepted; beyond it the call itself is refused. */
const MAX_ATTACH_BASE64_CHARS = Math.ceil(MAX_ATTACH_BYTES / 3) * 4;

export const AttachResult = z.object({ piece: PieceView, notices: z.array(AttachNotice) });
export type AttachResult = z.infer<typeof AttachResult>;

export const pieceChannels = defineChannels({
  'pieces.attach': {
    kind: 'mutation',
    args: z.strictObject({
      dossierId: Id,
      /** The file's name as the person's system gave it: data shown to people, checked in core. */
      name: z.string().max(1_000),
      base64: z.string().max(MAX_ATTACH_BASE64_CHARS),
    }),
    result: AttachResult,
    description:
      'Attaches a PDF, JPEG or PNG to a dossier after checking it in a worker under time and memory limits: damaged, password-protected, bomb-like or mislabelled files are refused; active content is kept but never run.',
  },
});
