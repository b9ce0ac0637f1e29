import type { ComponentChildren } from 'preact';
import { OBLASTS } from '../../shared/domain/oblasts';
import { childRows, type FieldMap } from '../../shared/record';
import { settlementDescription } from '../features/address/settlement-name';
import { useOblastTree } from '../features/address/use-oblast-tree';
import { memberName } from '../features/household/household-editor';
import { language, t } from '../i18n/translate';
import { labelText, optionLabel } from './field-controls';
import { dateFormat, decimalFormat, ibanFormat, phoneFormat, textValue } from './field-values';
import { type FieldSpec, type FormSpec, isVisible, type StepSpec } from './form-spec';

function AddressAnswer({ prefix, fields }: { prefix: string; fields: FieldMap }) {
  const oblast = textValue(fields, `${prefix}Oblast`);
  const settlement = textValue(fields, `${prefix}Settlement`);
  const [state] = useOblastTree(oblast);
  const place = settlement && state.status === 'ready' ? settlementDescription(state.tree, settlement) : null;
  const oblastName = OBLASTS.find((item) => item.code === oblast)?.[language.value];
  const street = [
    textValue(fields, `${prefix}Street`),
    textValue(fields, `${prefix}Building`),
    textValue(fields, `${prefix}Apartment`) &&
      t('address.apartmentShort', { n: textValue(fields, `${prefix}Apartment`) ?? '' }),
  ]
    .filter(Boolean)
    .join(', ');
  const lines = [
    street,
    place && settlement !== oblast ? `${place.name}${place.detail ? ` (${place.detail})` : ''}` : '',
    oblastName ?? '',
    textValue(fields, `${prefix}PostCode`) ?? '',
  ].filter(Boolean);
  if (lines.length === 0) return <>{t('form.notAnswered')}</>;
  return (
    <>
      {lines.map((line) => (
        <span class="check__line" key={line}>
          {line}
        </span>
      ))}
    </>
  );
}

/** An answer as the person reads it: labels for codes, dates and phones the way they are written. */
export function Answer({ field, fields }: { field: FieldSpec; fields: FieldMap }): ComponentChildren {
  const value = fields[field.name];
  const empty =
    value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
  switch (field.kind) {
    case 'address':
      return <AddressAnswer prefix={field.prefix} fields={fields} />;
    case 'household': {
      const rows = childRows(fields, field.name);
      if (rows.length === 0) return t('household.none');
      return (
        <>
          {rows.map((row) => (
            <span class="check__line" key={row.id}>
              {memberName(row.fields)}
              {typeof row.fields.relationship === 'string' &&
                ` — ${optionLabel('relationship', row.fields.relationship)}`}
              {row.fields.birthDate ? `, ${dateFormat.toDisplay(row.fields.birthDate)}` : ''}
              {row.fields.hasDisability === true ? `, ${t('household.withDisability')}` : ''}
            </span>
          ))}
        </>
      );
    }
    case 'rnokpp':
      if (fields[field.noneName] === true) return t('form.noRnokppAnswer');
      break;
    case 'yesno':
      if (typeof value === 'boolean') return value ? t('form.yes') : t('form.no');
      return t('form.notAnswered');
    case 'confirm':
      return value === true ? t('form.confirmed') : t('form.notAnswered');
    case 'content':
      return field.answer?.(fields) ?? null;
    default:
  }
  if (empty) return t('form.notAnswered');
  switch (field.kind) {
    case 'number':
      return `${decimalFormat.toDisplay(value)} ${t('form.squareMetres')}`;
    case 'date':
      return dateFormat.toDisplay(value);
    case 'phone':
      return phoneFormat.toDisplay(value);
    case 'iban':
      return ibanFormat.toDisplay(value);
    case 'radio':
    case 'select':
      return optionLabel(field.name, String(value));
    case 'checkboxes':
      return (Array.isArray(value) ? value : [String(value)])
        .map((item) => optionLabel(field.name, item))
        .join(', ');
    default:
      return String(value);
  }
}

function answerable(step: StepSpec, fields: FieldMap): FieldSpec[] {
  return step.fields.filter(
    (field) => (field.kind !== 'content' || field.answer !== undefined) && isVisible(field, fields),
  );
}

/** GOV.UK "Check your answers": every answer under its step, each with a "Change" link to that step. */
export function CheckAnswers(props: {
  spec: FormSpec;
  fields: FieldMap;
  onChange: (stepIndex: number) => void;
  changeHref: (stepIndex: number) => string;
}) {
  return (
    <div class="check" data-testid="check-answers">
      {props.spec.steps.map((step, stepIndex) => {
        const fields = answerable(step, props.fields);
        if (fields.length === 0) return null;
        return (
          <section key={step.id} class="check__section" aria-labelledby={`check-${step.id}`}>
            <h2 id={`check-${step.id}`}>{t(step.title)}</h2>
            <dl class="check__list">
              {fields.map((field) => (
                <div class="check__row" key={field.name} data-testid={`answer-${field.name}`}>
                  <dt>{labelText(field.label, false)}</dt>
                  <dd class="check__value">
                    <Answer field={field} fields={props.fields} />
                  </dd>
                  <dd class="check__action">
                    <a
                      href={props.changeHref(stepIndex)}
                      onClick={(event) => {
                        event.preventDefault();
                        props.onChange(stepIndex);
                      }}
                    >
                      {t('form.change')}
                      <span class="visually-hidden"> {labelText(field.label, false)}</span>
                    </a>
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        );
      })}
    </div>
  );
}
