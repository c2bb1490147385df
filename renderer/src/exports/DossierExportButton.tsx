import { useTranslation } from 'react-i18next';
import { ExportButton } from './ExportButton';

/** The dossier page's export: everything on the dossier as one ZIP (form, pieces, annotations, visits, journal). */
export function DossierExportButton({ dossierId }: { dossierId: string }) {
  const { t } = useTranslation();
  return <ExportButton channel="exports.dossierZip" args={{ id: dossierId }} label={t('exports.ui.dossierZip')} iconId="fr-icon-download-line" />;
}
