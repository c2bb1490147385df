import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorInfo } from '../../../shared/errors';
import { useClient } from '../api/ClientProvider';
import { toErrorInfo } from '../api/errorInfo';
import { ErrorAlert } from '../components/ErrorAlert';
import { useLanguage } from '../components/useLanguage';
import { saveExportedFile } from '../exports/download';
import { formatDateTime } from '../format';

/** Reads a chosen file as base64, the form the contract carries files in. */
function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

/** Export and import of the whole case file, to hand the laptop over. */
export function HandOver({ onImported }: { onImported: () => void }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const client = useClient();
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<ErrorInfo | null>(null);
  const [exported, setExported] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [importPassphrase, setImportPassphrase] = useState('');
  const [replace, setReplace] = useState(false);
  const [importing, setImporting] = useState(false);
  const [importError, setImportError] = useState<ErrorInfo | null>(null);
  const [imported, setImported] = useState<string | null>(null);
  const mismatch = again.length > 0 && again !== passphrase;

  async function runExport(event: FormEvent) {
    event.preventDefault();
    if (mismatch) return;
    setExporting(true);
    setExportError(null);
    setExported(false);
    try {
      saveExportedFile(await client.call('caseFile.export', { passphrase }));
      setExported(true);
      setPassphrase('');
      setAgain('');
    } catch (caught) {
      setExportError(toErrorInfo(caught));
    } finally {
      setExporting(false);
    }
  }

  async function runImport(event: FormEvent) {
    event.preventDefault();
    if (!file || !replace) return;
    setImporting(true);
    setImportError(null);
    setImported(null);
    try {
      const result = await client.call('caseFile.import', { base64: await readAsBase64(file), passphrase: importPassphrase });
      setImported(t('backup.page.imported', { exportedAt: formatDateTime(result.exportedAt, language), before: formatDateTime(result.before.createdAt, language) }));
      setImportPassphrase('');
      setReplace(false);
      onImported();
    } catch (caught) {
      setImportError(toErrorInfo(caught));
    } finally {
      setImporting(false);
    }
  }

  return (
    <section aria-labelledby="backup-handover">
      <h2 id="backup-handover" className="fr-h4">
        {t('backup.page.handOverTitle')}
      </h2>
      <p>{t('backup.page.handOverIntro')}</p>
      <form onSubmit={(event) => void runExport(event)} className="fr-mb-4w" aria-labelledby="backup-export-title">
        <h3 id="backup-export-title" className="fr-h6">
          {t('backup.page.exportTitle')}
        </h3>
        <Input
          label={t('backup.page.passphrase')}
          hintText={t('backup.page.passphraseHint')}
          nativeInputProps={{ type: 'password', autoComplete: 'new-password', value: passphrase, required: true, onChange: (e) => setPassphrase(e.target.value) }}
        />
        <Input
          label={t('backup.page.passphraseAgain')}
          state={mismatch ? 'error' : 'default'}
          stateRelatedMessage={mismatch ? t('backup.page.mismatch') : undefined}
          nativeInputProps={{ type: 'password', autoComplete: 'new-password', value: again, required: true, onChange: (e) => setAgain(e.target.value) }}
        />
        <Button type="submit" disabled={exporting || mismatch}>
          {t('backup.page.export')}
        </Button>
        <div aria-live="polite" className="fr-mt-2w">
          {exporting && <p role="status">{t('backup.page.exporting')}</p>}
          {exported && <Alert severity="success" small description={t('backup.page.exported')} />}
          {exportError && <ErrorAlert error={exportError} />}
        </div>
      </form>
      <form onSubmit={(event) => void runImport(event)} aria-labelledby="backup-import-title">
        <h3 id="backup-import-title" className="fr-h6">
          {t('backup.page.importTitle')}
        </h3>
        <div className="fr-upload-group fr-mb-3w">
          <label className="fr-label" htmlFor="backup-import-file">
            {t('backup.page.importFile')}
          </label>
          <input className="fr-upload" type="file" id="backup-import-file" required onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </div>
        <Input
          label={t('backup.page.importPassphrase')}
          nativeInputProps={{ type: 'password', autoComplete: 'off', value: importPassphrase, required: true, onChange: (e) => setImportPassphrase(e.target.value) }}
        />
        <Checkbox
          options={[
            {
              label: t('backup.page.replace'),
              nativeInputProps: { checked: replace, required: true, onChange: (e) => setReplace(e.target.checked) },
            },
          ]}
        />
        <Button type="submit" disabled={importing || !file || !replace}>
          {t('backup.page.import')}
        </Button>
        <div aria-live="polite" className="fr-mt-2w">
          {importing && <p role="status">{t('backup.page.importing')}</p>}
          {imported && <Alert severity="success" small description={imported} />}
          {importError && <ErrorAlert error={importError} />}
        </div>
      </form>
    </section>
  );
}
