import { useTranslation } from 'react-i18next';
import type { ArgsOf } from '../../../shared/contract';
import { ExportButton } from './ExportButton';

type ListExportArgs = Omit<ArgsOf<'exports.list'>, 'format'>;

/** The list's two exports, CSV and XLSX, for its current filters and sort, or for a selection (`ids`). */
export function ListExportButtons(props: ListExportArgs) {
  const { t } = useTranslation();
  const scope = props.ids ? 'selection' : 'list';
  return (
    <div className="relais-export-group">
      <ExportButton channel="exports.list" args={{ ...props, format: 'csv' }} label={t(`exports.ui.${scope}Csv`)} size="small" />
      <ExportButton channel="exports.list" args={{ ...props, format: 'xlsx' }} label={t(`exports.ui.${scope}Xlsx`)} size="small" />
    </div>
  );
}
