import type { LocalRecord } from '../../../local';
import type { Amendment } from '../../../shared/protocol';
import { t } from '../../i18n/translate';
import { fieldLabel } from './field-display';
import { useFieldValueText } from './use-field-value-text';

/** «Ви попросили змінити «…» на «…»», then the office's answer, for one change of a frozen field. */
export function AmendmentLine({ record, amendment }: { record: LocalRecord; amendment: Amendment }) {
  const value = useFieldValueText(amendment.path, amendment.value);
  return (
    <p class="amendment">
      {t(`amendment.${amendment.state}`, { field: fieldLabel(record.service, amendment.path), value })}
    </p>
  );
}
