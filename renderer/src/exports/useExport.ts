import { useCallback, useState } from 'react';
import type { ExportedFile } from '../../../shared/channels/exports';
import type { ArgsOf } from '../../../shared/contract';
import type { ErrorInfo } from '../../../shared/errors';
import { useClient } from '../api/ClientProvider';
import { toErrorInfo } from '../api/errorInfo';
import { saveExportedFile } from './download';

export type ExportChannel = 'exports.dossierZip' | 'exports.list';

export interface ExportState {
  busy: boolean;
  error: ErrorInfo | undefined;
  /** The last file saved, for the confirmation. */
  saved: Pick<ExportedFile, 'name' | 'sizeBytes'> | undefined;
}

/** Runs an export channel and saves its file as a download; one export at a time. */
export function useExport<C extends ExportChannel>(channel: C): ExportState & { run: (args: ArgsOf<C>) => Promise<void> } {
  const client = useClient();
  const [state, setState] = useState<ExportState>({ busy: false, error: undefined, saved: undefined });
  const run = useCallback(
    async (args: ArgsOf<C>) => {
      setState({ busy: true, error: undefined, saved: undefined });
      try {
        const file: ExportedFile = await client.call(channel, args);
        saveExportedFile(file);
        setState({ busy: false, error: undefined, saved: { name: file.name, sizeBytes: file.sizeBytes } });
      } catch (failure) {
        setState({ busy: false, error: toErrorInfo(failure), saved: undefined });
      }
    },
    [client, channel],
  );
  return { ...state, run };
}
