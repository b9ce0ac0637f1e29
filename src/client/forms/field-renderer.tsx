import { compareRnokppWithPerson } from '../../shared/domain/validators';
import type { FieldMap, FieldValue } from '../../shared/record';
import { AddressPicker } from '../features/address/address-picker';
import { HouseholdEditor } from '../features/household/household-editor';
import { t } from '../i18n/translate';
import {
  ChoiceGroup,
  controlIds,
  labelText,
  optionLabel,
  SelectInput,
  SingleCheckbox,
  TextArea,
  TextInput,
} from './field-controls';
import {
  dateFormat,
  decimalFormat,
  ibanFormat,
  phoneFormat,
  plainFormat,
  rnokppFormat,
  textValue,
} from './field-values';
import type { FieldSpec, FormContext } from './form-spec';

export interface FieldRendererProps {
  readonly field: FieldSpec;
  readonly fields: FieldMap;
  /** Translated messages by field name (or child path). */
  readonly errors: Readonly<Record<string, string>>;
  readonly onChange: (changes: Record<string, FieldValue>) => void;
  /** Prefix of element ids, so a household member's "surname" does not clash with the applicant's. */
  readonly idPrefix?: string;
  readonly context: FormContext;
}

export function FieldRenderer(props: FieldRendererProps) {
  const { field, fields, errors, onChange } = props;
  const idPrefix = props.idPrefix ?? '';
  const ids = controlIds(idPrefix, field.name);
  const label = labelText(field.label, field.optional);
  const hint = field.hint ? t(field.hint) : undefined;
  const error = errors[field.name];
  const set = (value: FieldValue) => onChange({ [field.name]: value });
  const common = { ids, label, hint, error, value: fields[field.name], onValue: set };

  switch (field.kind) {
    case 'text':
      return (
        <TextInput
          {...common}
          format={plainFormat}
          autocomplete={field.autocomplete}
          inputMode={field.inputMode}
          width={field.width}
          code={field.code}
        />
      );
    case 'textarea':
      return <TextArea {...common} />;
    case 'number':
      return (
        <TextInput
          {...common}
          format={decimalFormat}
          inputMode="decimal"
          width="short"
          suffix={t('form.squareMetres')}
        />
      );
    case 'date':
      return (
        <TextInput
          {...common}
          hint={hint ?? t('form.dateHint')}
          format={dateFormat}
          inputMode="numeric"
          width="medium"
          autocomplete={field.autocomplete}
        />
      );
    case 'phone':
      return (
        <TextInput
          {...common}
          hint={hint ?? t('form.phoneHint')}
          format={phoneFormat}
          type="tel"
          inputMode="tel"
          autocomplete={field.autocomplete ?? 'tel'}
          width="medium"
        />
      );
    case 'email':
      return (
        <TextInput
          {...common}
          hint={hint ?? t('form.emailHint')}
          format={plainFormat}
          type="email"
          inputMode="email"
          autocomplete={field.autocomplete ?? 'email'}
          code
        />
      );
    case 'iban':
      return (
        <TextInput
          {...common}
          hint={hint ?? t('form.ibanHint')}
          format={ibanFormat}
          autocomplete="off"
          code
        />
      );
    case 'rnokpp':
      return <RnokppField {...props} />;
    case 'radio':
    case 'checkboxes': {
      const multiple = field.kind === 'checkboxes';
      const value = fields[field.name];
      const selected = Array.isArray(value) ? value : [];
      return (
        <ChoiceGroup
          ids={ids}
          legend={label}
          hint={hint}
          error={error}
          multiple={multiple}
          options={field.options.map((option) => ({ value: option, label: optionLabel(field.name, option) }))}
          isChecked={(option) => (multiple ? selected.includes(option) : value === option)}
          onToggle={(option, checked) => {
            if (!multiple) return set(option);
            const next = field.options.filter((item) =>
              item === option ? checked : selected.includes(item),
            );
            set(next);
          }}
        />
      );
    }
    case 'select':
      return (
        <SelectInput
          ids={ids}
          label={label}
          hint={hint}
          error={error}
          placeholder={t('form.choose')}
          options={field.options.map((option) => ({ value: option, label: optionLabel(field.name, option) }))}
          value={textValue(fields, field.name)}
          onValue={set}
        />
      );
    case 'yesno': {
      const value = fields[field.name];
      return (
        <ChoiceGroup
          ids={ids}
          legend={label}
          hint={hint}
          error={error}
          options={[
            { value: 'yes', label: t('form.yes') },
            { value: 'no', label: t('form.no') },
          ]}
          isChecked={(option) => (option === 'yes' ? value === true : value === false)}
          onToggle={(option) => set(option === 'yes')}
        />
      );
    }
    case 'confirm':
      return (
        <SingleCheckbox
          ids={ids}
          label={label}
          hint={hint}
          error={error}
          checked={fields[field.name] === true}
          onValue={set}
        />
      );
    case 'address':
      return (
        <AddressPicker
          prefix={field.prefix}
          legend={label}
          hint={hint}
          fields={fields}
          errors={errors}
          onChange={onChange}
        />
      );
    case 'household':
      return (
        <HouseholdEditor
          spec={field}
          fields={fields}
          errors={errors}
          onChange={onChange}
          context={props.context}
          renderField={(memberProps) => <FieldRenderer {...memberProps} />}
        />
      );
    case 'content':
      return <>{field.render(props.context)}</>;
  }
}

function RnokppField(props: FieldRendererProps) {
  const field = props.field;
  if (field.kind !== 'rnokpp') return null;
  const { fields, errors, onChange } = props;
  const idPrefix = props.idPrefix ?? '';
  const none = fields[field.noneName] === true;
  const rnokpp = textValue(fields, field.name) ?? '';
  const birthDate = field.birthDateName ? textValue(fields, field.birthDateName) : undefined;
  const sex = field.sexName ? textValue(fields, field.sexName) : undefined;
  const warnings = none
    ? []
    : compareRnokppWithPerson(rnokpp, {
        birthDate: birthDate && /^\d{4}-\d{2}-\d{2}$/.test(birthDate) ? birthDate : undefined,
        sex: sex === 'male' || sex === 'female' ? sex : undefined,
      });
  const ids = controlIds(idPrefix, field.name);
  return (
    <div class="field-group">
      {!none && (
        <TextInput
          ids={ids}
          label={labelText(field.label, field.optional)}
          hint={t(field.hint ?? 'form.rnokppHint')}
          error={errors[field.name]}
          value={fields[field.name]}
          format={rnokppFormat}
          inputMode="numeric"
          width="medium"
          code
          onValue={(value) => onChange({ [field.name]: value })}
          after={
            warnings.length > 0 && (
              <div class="notice" data-testid="rnokpp-warning">
                {warnings.map((warning) => (
                  <p key={warning}>{t(warning)}</p>
                ))}
              </div>
            )
          }
        />
      )}
      <SingleCheckbox
        ids={controlIds(idPrefix, field.noneName)}
        label={t('form.noRnokpp')}
        error={errors[field.noneName]}
        checked={none}
        onValue={(checked) => onChange({ [field.noneName]: checked })}
      />
    </div>
  );
}
