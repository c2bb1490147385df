import { Button } from '@codegouvfr/react-dsfr/Button';
import type { FrIconClassName, RiIconClassName } from '@codegouvfr/react-dsfr';
import { useTranslation } from 'react-i18next';
import type { ArgsOf } from '../../../shared/contract';
import { ErrorAlert } from '../components/ErrorAlert';
import { formatBytes } from '../format';
import { currentLanguage } from '../i18n';
import { useExport, type ExportChannel } from './useExport';
import './exports.css';

interface Props<C extends ExportChannel> {
  channel: C;
  args: ArgsOf<C>;
  label: string;
  iconId?: FrIconClassName | RiIconClassName;
  priority?: 'primary' | 'secondary' | 'tertiary';
  size?: 'small' | 'medium';
}

/**
 * A button that exports and downloads a file. While core prepares it, the button is disabled and
 * a progress bar says so; then a line names the file saved, or an alert says what went wrong.
 */
export function ExportButton<C extends ExportChannel>({ channel, args, label, iconId = 'fr-icon-download-line', priority = 'secondary', size = 'medium' }: Props<C>) {
  const { t } = useTranslation();
  const { busy, error, saved, run } = useExport(channel);
  return (
    <div className="relais-export">
      <Button priority={priority} size={size} iconId={iconId} disabled={busy} onClick={() => void run(args)}>
        {label}
      </Button>
      <div role="status" className="relais-export__status">
        {busy && (
          <>
            <progress className="relais-export__progress" aria-label={t('exports.ui.preparing')} />
            <span className="fr-text--sm fr-mb-0">{t('exports.ui.preparing')}</span>
          </>
        )}
        {saved && <span className="fr-text--sm fr-mb-0">{t('exports.ui.saved', { name: saved.name, size: formatBytes(saved.sizeBytes, currentLanguage()) })}</span>}
      </div>
      {error && <ErrorAlert error={error} onRetry={() => void run(args)} className="fr-mt-1w" />}
    </div>
  );
}
