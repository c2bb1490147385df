/**
 * The channels of the case file's backups (restore from the « Sauvegardes » page) and of its
 * export and import to hand a laptop over. Restore and import replace the whole case file (the
 * state before is kept as a backup), so they are not journalled changes of it.
 */
import { z } from 'zod';
import { defineChannels, NoArguments } from './channel';
import { ExportedFile } from './exports';

export const BACKUP_REASONS = ['daily', 'migration', 'before-restore', 'before-import'] as const;

export const Backup = z.object({
  name: z.string().min(1),
  createdAt: z.string(),
  reason: z.enum(BACKUP_REASONS),
  sizeBytes: z.number().int().min(0),
});
export type Backup = z.infer<typeof Backup>;

/** Typed by the person; its length is checked in core, which says so in a sentence. */
const Passphrase = z.string().min(1).max(1024);

export const backupChannels = defineChannels({
  'backups.list': {
    kind: 'query',
    args: NoArguments,
    result: z.object({ backups: z.array(Backup) }),
    description: 'The backups of the case file, newest first: name, date, reason, size.',
  },
  'backups.restore': {
    kind: 'mutation',
    args: z.strictObject({ name: z.string().min(1).max(200) }),
    result: z.object({ restored: z.string(), before: Backup }),
    description: 'Puts a backup in place of the case file; the state before is kept as a backup (`before`), which undoes it.',
  },
  'caseFile.export': {
    kind: 'query',
    args: z.strictObject({ passphrase: Passphrase }),
    result: ExportedFile,
    description: 'The whole case file and its pieces in one file protected by the passphrase (age format), to hand a laptop over.',
  },
  'caseFile.import': {
    kind: 'mutation',
    args: z.strictObject({ base64: z.string().min(1), passphrase: Passphrase }),
    result: z.object({ exportedAt: z.string(), blobCount: z.number().int().min(0), before: Backup }),
    description: 'Replaces the case file with an export (its pieces added); the state before is kept as a backup (`before`).',
  },
});
