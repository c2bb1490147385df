import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useTranslation } from 'react-i18next';
import type { Facets } from '../../../shared/contract';
import { CHECK_IDS, CHECK_STATUSES, type CheckId, type CheckStatus } from '../../../shared/domain/checks';
import { VOLETS, type Volet } from '../../../shared/domain/dossier';
import { DUE_WITHIN_CHOICES, hasFilters, type ListState } from './listState';

interface Props {
  state: ListState;
  facets: Facets | undefined;
  onChange: (changes: Partial<ListState>) => void;
  onReset: () => void;
}

function toggled<T>(values: readonly T[], value: T): T[] {
  return values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
}

export function Filters({ state, facets, onChange, onReset }: Props) {
  const { t } = useTranslation();
  // Once a region is chosen, only its territories are offered.
  const territories = (facets?.territories ?? []).filter(
    (territory) => !state.regionCode || territory.regionCode === state.regionCode,
  );

  return (
    <section className="relais-filters" aria-labelledby="filters-title">
      <h2 id="filters-title" className="fr-h5">
        {t('list.filters.title')}
      </h2>
      <Select
        label={t('list.filters.region')}
        nativeSelectProps={{
          value: state.regionCode ?? '',
          onChange: (event) => onChange({ regionCode: event.target.value || null, territoryId: null }),
        }}
      >
        <option value="">{t('list.filters.all')}</option>
        {facets?.regions.map((region) => (
          <option key={region.code} value={region.code}>
            {region.name}
          </option>
        ))}
      </Select>
      <Select
        label={t('list.filters.territory')}
        nativeSelectProps={{
          value: state.territoryId ?? '',
          onChange: (event) => onChange({ territoryId: event.target.value || null }),
        }}
      >
        <option value="">{t('list.filters.all')}</option>
        {territories.map((territory) => (
          <option key={territory.id} value={territory.id}>
            {territory.name}
          </option>
        ))}
      </Select>
      <Select
        label={t('list.filters.due')}
        nativeSelectProps={{
          value: state.dueWithinDays === null ? '' : String(state.dueWithinDays),
          onChange: (event) => onChange({ dueWithinDays: event.target.value === '' ? null : Number(event.target.value) }),
        }}
      >
        <option value="">{t('list.filters.anyDue')}</option>
        {DUE_WITHIN_CHOICES.map((days) => (
          <option key={days} value={days}>
            {days === 0 ? t('list.filters.overdue') : t('list.filters.dueWithin', { count: days })}
          </option>
        ))}
      </Select>
      <Select
        label={t('listChecks.filterStatus')}
        nativeSelectProps={{
          value: state.checkStatus ?? '',
          onChange: (event) => onChange({ checkStatus: (event.target.value || null) as CheckStatus | null }),
        }}
      >
        <option value="">{t('list.filters.all')}</option>
        {CHECK_STATUSES.map((status) => (
          <option key={status} value={status}>
            {t(`checks.status.${status}`)}
          </option>
        ))}
      </Select>
      <Select
        label={t('listChecks.filterCheck')}
        disabled={!state.checkStatus}
        nativeSelectProps={{
          value: state.checkId ?? '',
          onChange: (event) => onChange({ checkId: (event.target.value || null) as CheckId | null }),
        }}
      >
        <option value="">{t('listChecks.anyCheck')}</option>
        {CHECK_IDS.map((id) => (
          <option key={id} value={id}>
            {t(`checks.names.${id}`)}
          </option>
        ))}
      </Select>
      <Checkbox
        small
        legend={t('list.filters.volet')}
        options={VOLETS.map((volet: Volet) => ({
          label: t('list.filters.voletN', { volet }),
          nativeInputProps: {
            checked: state.volets.includes(volet),
            onChange: () => onChange({ volets: toggled(state.volets, volet) }),
          },
        }))}
      />
      <Checkbox
        small
        legend={t('list.filters.followedLegend')}
        options={[
          {
            label: t('list.filters.followedOnly'),
            nativeInputProps: {
              checked: state.followedOnly,
              onChange: (event) => onChange({ followedOnly: event.target.checked }),
            },
          },
        ]}
      />
      {facets && facets.labels.length > 0 && (
        <Checkbox
          small
          legend={t('list.filters.labels')}
          options={facets.labels.map((label) => ({
            label,
            nativeInputProps: {
              checked: state.labels.includes(label),
              onChange: () => onChange({ labels: toggled(state.labels, label) }),
            },
          }))}
        />
      )}
      <Button priority="secondary" size="small" iconId="fr-icon-close-circle-line" disabled={!hasFilters(state)} onClick={onReset}>
        {t('list.filters.reset')}
      </Button>
    </section>
  );
}
