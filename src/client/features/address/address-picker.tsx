import { OBLASTS } from '../../../shared/domain/oblasts';
import type { FieldMap, FieldValue } from '../../../shared/record';
import { controlIds, labelText, SelectInput, TextInput } from '../../forms/field-controls';
import { plainFormat, textValue } from '../../forms/field-values';
import type { AddressPrefix } from '../../forms/form-spec';
import { language, t } from '../../i18n/translate';
import { SettlementPicker } from './settlement-picker';

// Kyiv and Sevastopol are top-level units and settlements at once: choosing them is choosing the city.
const CITY_UNITS = new Set(['UA80000000000093317', 'UA85000000000065278']);

/**
 * Oblast, then the settlement picked from the codifier (stored as its KATOTTH code, so it is never
 * misspelt and the office can tell same-named villages apart), then street, building, apartment and
 * post code typed freely.
 */
export function AddressPicker(props: {
  prefix: AddressPrefix;
  legend: string;
  hint?: string | undefined;
  fields: FieldMap;
  errors: Readonly<Record<string, string>>;
  onChange: (changes: Record<string, FieldValue>) => void;
}) {
  const { prefix, fields, errors, onChange } = props;
  const name = (part: string) => `${prefix}${part}`;
  const oblast = textValue(fields, name('Oblast'));
  // Only the address where the person lives now is theirs to autofill; a damaged house or the place they
  // fled is not.
  const autofill = prefix === 'act';
  const text = (
    part: string,
    label: Parameters<typeof labelText>[0],
    options: {
      optional?: boolean;
      width?: 'short' | 'medium';
      autocomplete?: string;
      inputMode?: 'numeric';
      hint?: string;
    } = {},
  ) => (
    <TextInput
      ids={controlIds('', name(part))}
      label={labelText(label, options.optional)}
      hint={options.hint}
      error={errors[name(part)]}
      value={fields[name(part)]}
      format={plainFormat}
      width={options.width}
      inputMode={options.inputMode}
      autocomplete={autofill ? options.autocomplete : 'off'}
      onValue={(value) => onChange({ [name(part)]: value })}
    />
  );

  return (
    <fieldset class="field address" data-testid={`address-${prefix}`}>
      <legend class="address__legend">{props.legend}</legend>
      {props.hint && <p class="field__hint">{props.hint}</p>}
      <SelectInput
        ids={controlIds('', name('Oblast'))}
        label={t('address.oblast')}
        error={errors[name('Oblast')]}
        placeholder={t('address.oblastChoose')}
        options={OBLASTS.map((item) => ({ value: item.code, label: item[language.value] }))}
        value={oblast}
        onValue={(code) =>
          onChange({
            [name('Oblast')]: code,
            // A settlement from another oblast would be wrong; Kyiv and Sevastopol pick themselves.
            [name('Settlement')]: CITY_UNITS.has(code) ? code : null,
          })
        }
      />
      {oblast && !CITY_UNITS.has(oblast) && (
        <SettlementPicker
          key={oblast}
          oblastCode={oblast}
          name={name('Settlement')}
          value={textValue(fields, name('Settlement'))}
          error={errors[name('Settlement')]}
          onValue={(code) => onChange({ [name('Settlement')]: code })}
        />
      )}
      {text('Street', 'address.street', { autocomplete: 'address-line1' })}
      {text('Building', 'address.building', { width: 'short', autocomplete: 'address-line2' })}
      {text('Apartment', 'address.apartment', {
        width: 'short',
        optional: true,
        autocomplete: 'address-line3',
      })}
      {text('PostCode', 'address.postCode', {
        width: 'short',
        inputMode: 'numeric',
        autocomplete: 'postal-code',
        hint: t('address.postCodeHint'),
      })}
    </fieldset>
  );
}
