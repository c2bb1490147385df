import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { backupChannels } from '../../../shared/channels/backup';
import type { CoreContext } from '../context';
import type { HandlersOf } from '../handlers';
import { backupsOf, exportCaseFileOf, importCaseFileOf, restoreBackupOf } from './service';

export const EXPORT_MIME_TYPE = 'application/octet-stream';

/** The file crosses the contract whole (as other exports do); on disk only in a private temporary folder. */
function withScratch<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'relais-transfer-'));
  return work(dir).finally(() => rmSync(dir, { recursive: true, force: true }));
}

function exportName(now: Date): string {
  return `relais-${now.toISOString().slice(0, 10)}-${randomBytes(3).toString('hex')}.relais`;
}

export function backupHandlers(ctx: CoreContext): HandlersOf<typeof backupChannels> {
  return {
    'backups.list': () => ({ backups: backupsOf(ctx) }),
    'backups.restore': ({ name }) => ({ restored: name, before: restoreBackupOf(ctx, name) }),
    'caseFile.export': ({ passphrase }) =>
      withScratch(async (dir) => {
        const name = exportName(ctx.clock());
        const result = await exportCaseFileOf(ctx, path.join(dir, name), passphrase);
        const bytes = readFileSync(result.file);
        return { name, mimeType: EXPORT_MIME_TYPE, base64: bytes.toString('base64'), sizeBytes: bytes.byteLength };
      }),
    'caseFile.import': ({ base64, passphrase }) =>
      withScratch(async (dir) => {
        const file = path.join(dir, 'import.relais');
        writeFileSync(file, Buffer.from(base64, 'base64'), { mode: 0o600 });
        const { manifest, before } = await importCaseFileOf(ctx, file, passphrase);
        return { exportedAt: manifest.exportedAt, blobCount: manifest.blobCount, before };
      }),
  };
}
