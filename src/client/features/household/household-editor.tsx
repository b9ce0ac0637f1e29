import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { checkFields } from '../../../shared/domain/service-definition';
import {
  CHILD_EXISTS,
  childPath,
  childRows,
  type FieldMap,
  type FieldValue,
  withChildRow,
} from '../../../shared/record';
import { optionLabel } from '../../forms/field-controls';
import type { FieldRendererProps } from '../../forms/field-renderer';
import { dateFormat } from '../../forms/field-values';
import type { FormContext, HouseholdFieldSpec } from '../../forms/form-spec';
import { t, tReason } from '../../i18n/translate';

const HOUSEHOLD_MAX = 20;

interface Editing {
  readonly id: string;
  readonly isNew: boolean;
  /** The row as it was when "Change" was pressed, for "Cancel". */
  readonly before: Readonly<Record<string, FieldValue>>;
}

export function memberName(row: Readonly<Record<string, FieldValue>>): string {
  return ['surname', 'givenName', 'patronymic']
    .map((field) => row[field])
    .filter((part): part is string => typeof part === 'string' && part.trim() !== '')
    .join(' ');
}

/** Id of a row's "Change" button: where the step's error summary sends people for that row. */
export function memberAnchorId(collection: string, rowId: string): string {
  return `field-${collection}-${rowId}`;
}

/**
 * Household members as cards with Add / Change / Remove. What is typed into a member is written into the
 * draft at once (as a child row), so a reload loses nothing; "Save" checks that one member.
 */
export function HouseholdEditor(props: {
  spec: HouseholdFieldSpec;
  fields: FieldMap;
  errors: Readonly<Record<string, string>>;
  onChange: (changes: Record<string, FieldValue>) => void;
  context: FormContext;
  renderField: (props: FieldRendererProps) => ComponentChildren;
}) {
  const collection = props.spec.name;
  const rows = childRows(props.fields, collection);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [rowErrors, setRowErrors] = useState<Record<string, string>>({});
  const [removing, setRemoving] = useState<string | null>(null);
  const [focusTarget, setFocusTarget] = useState<string | null>(null);
  const editorHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (focusTarget) document.getElementById(focusTarget)?.focus();
    setFocusTarget(null);
  }, [focusTarget]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus moves when another member is opened, not on each keystroke.
  useEffect(() => {
    if (editing) editorHeading.current?.focus();
  }, [editing?.id]);

  const rowValues = (id: string): Record<string, FieldValue> => {
    const out: Record<string, FieldValue> = {};
    const prefix = `${collection}/${id}/`;
    for (const [path, value] of Object.entries(props.fields))
      if (path.startsWith(prefix) && path !== `${prefix}${CHILD_EXISTS}`)
        out[path.slice(prefix.length)] = value;
    return out;
  };

  const write = (id: string, changes: Record<string, FieldValue>) => {
    const out: Record<string, FieldValue> = { [childPath(collection, id, CHILD_EXISTS)]: true };
    for (const [field, value] of Object.entries(changes)) out[childPath(collection, id, field)] = value;
    props.onChange(out);
  };

  const startAdd = () => {
    setRowErrors({});
    setEditing({ id: crypto.randomUUID(), isNew: true, before: {} });
  };

  const save = () => {
    if (!editing) return;
    const values = rowValues(editing.id);
    const withRow = withChildRow(props.fields, collection, { id: editing.id, fields: values });
    const issues = checkFields(props.context.service, withRow, [`${collection}/${editing.id}`]);
    if (issues.length > 0) {
      const next: Record<string, string> = {};
      for (const issue of issues) next[issue.field.split('/').pop() ?? ''] ??= tReason(issue.message);
      setRowErrors(next);
      const first = props.spec.memberFields.find((field) => next[field.name]);
      if (first) setFocusTarget(`field-member-${first.name}`);
      return;
    }
    // A member saved without typing anything would not exist yet.
    write(editing.id, values);
    setRowErrors({});
    setEditing(null);
    setFocusTarget(memberAnchorId(collection, editing.id));
  };

  const cancel = () => {
    if (!editing) return;
    const current = rowValues(editing.id);
    if (editing.isNew) {
      if (Object.keys(current).length > 0)
        props.onChange({ [childPath(collection, editing.id, CHILD_EXISTS)]: false });
    } else {
      const restore: Record<string, FieldValue> = {};
      for (const field of new Set([...Object.keys(current), ...Object.keys(editing.before)]))
        restore[field] = editing.before[field] ?? null;
      write(editing.id, restore);
    }
    setRowErrors({});
    setEditing(null);
    setFocusTarget(editing.isNew ? `${collection}-add` : memberAnchorId(collection, editing.id));
  };

  const editor = (id: string) => {
    const values = rowValues(id);
    return (
      <section
        class="member-editor"
        aria-labelledby={`${collection}-editor-title`}
        data-testid="member-editor"
      >
        <h3 id={`${collection}-editor-title`} tabIndex={-1} ref={editorHeading}>
          {editing?.isNew ? t('household.addTitle') : t('household.editTitle')}
        </h3>
        <p class="field__hint">{t('household.childrenNote')}</p>
        {Object.keys(rowErrors).length > 0 && (
          <div class="error-summary error-summary--small" role="alert">
            <p class="error-summary__title">{t('errors.title')}</p>
            <ul>
              {props.spec.memberFields
                .filter((field) => rowErrors[field.name])
                .map((field) => (
                  <li key={field.name}>
                    <a
                      href={`#field-member-${field.name}`}
                      onClick={(event) => {
                        event.preventDefault();
                        document.getElementById(`field-member-${field.name}`)?.focus();
                      }}
                    >
                      {rowErrors[field.name]}
                    </a>
                  </li>
                ))}
            </ul>
          </div>
        )}
        {props.spec.memberFields.map((field) => (
          <div key={field.name}>
            {props.renderField({
              field,
              fields: values,
              errors: rowErrors,
              idPrefix: 'member-',
              context: props.context,
              onChange: (changes) => write(id, changes),
            })}
          </div>
        ))}
        <div class="actions">
          <button type="button" class="button" onClick={save} data-testid="member-save">
            {t('household.save')}
          </button>
          <button type="button" class="button button--secondary" onClick={cancel}>
            {t('household.cancel')}
          </button>
        </div>
      </section>
    );
  };

  return (
    <div class="household" data-testid="household">
      {rows.length === 0 && !editing && <p>{t('household.empty')}</p>}
      <ul class="members">
        {rows.map((row, index) => {
          if (editing?.id === row.id) return <li key={row.id}>{editor(row.id)}</li>;
          const problems = Object.entries(props.errors).filter(([path]) =>
            path.startsWith(`${collection}/${row.id}/`),
          );
          const name = memberName(row.fields) || t('household.unnamed', { n: index + 1 });
          const birthDate = dateFormat.toDisplay(row.fields.birthDate);
          const relationship = row.fields.relationship;
          return (
            <li
              key={row.id}
              class={problems.length > 0 ? 'member member--error' : 'member'}
              data-testid="member"
            >
              <h3 class="member__name">{name}</h3>
              <p class="member__facts">
                {typeof relationship === 'string' && optionLabel('relationship', relationship)}
                {birthDate && <> · {birthDate}</>}
                {row.fields.hasDisability === true && <> · {t('household.withDisability')}</>}
              </p>
              {problems.map(([path, message]) => (
                <p class="field__error" key={path}>
                  {message}
                </p>
              ))}
              {removing === row.id ? (
                <div class="member__confirm">
                  <p id={`${row.id}-confirm`}>{t('household.removeConfirm', { name })}</p>
                  <div class="actions">
                    <button
                      type="button"
                      class="button button--warning"
                      id={`${row.id}-remove-yes`}
                      onClick={() => {
                        props.onChange({ [childPath(collection, row.id, CHILD_EXISTS)]: false });
                        setRemoving(null);
                        setFocusTarget(`${collection}-add`);
                      }}
                    >
                      {t('household.removeYes')}
                    </button>
                    <button
                      type="button"
                      class="button button--secondary"
                      onClick={() => {
                        setRemoving(null);
                        setFocusTarget(`${row.id}-remove`);
                      }}
                    >
                      {t('household.cancel')}
                    </button>
                  </div>
                </div>
              ) : (
                <div class="actions">
                  <button
                    type="button"
                    class="button button--secondary"
                    id={memberAnchorId(collection, row.id)}
                    disabled={editing !== null}
                    onClick={() => {
                      setRowErrors({});
                      setEditing({ id: row.id, isNew: false, before: rowValues(row.id) });
                    }}
                  >
                    {t('household.change')}
                    <span class="visually-hidden"> {name}</span>
                  </button>
                  <button
                    type="button"
                    class="button button--secondary"
                    id={`${row.id}-remove`}
                    disabled={editing !== null}
                    onClick={() => {
                      setRemoving(row.id);
                      setFocusTarget(`${row.id}-remove-yes`);
                    }}
                  >
                    {t('household.remove')}
                    <span class="visually-hidden"> {name}</span>
                  </button>
                </div>
              )}
            </li>
          );
        })}
        {editing?.isNew && !rows.some((row) => row.id === editing.id) && (
          <li key={editing.id}>{editor(editing.id)}</li>
        )}
      </ul>
      {!editing && rows.length < HOUSEHOLD_MAX && (
        <button type="button" class="button button--secondary" id={`${collection}-add`} onClick={startAdd}>
          {rows.length === 0 ? t('household.addFirst') : t('household.addAnother')}
        </button>
      )}
    </div>
  );
}
