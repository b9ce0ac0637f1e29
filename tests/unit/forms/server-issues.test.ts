import { describe, expect, it } from 'vitest';
import type { FormSpec } from '../../../src/client/forms/form-spec';
import { serverIssuesOnOpen } from '../../../src/client/forms/server-issues';
import { tReason } from '../../../src/client/i18n/translate';

// A small form shaped like the damage report: applicant, contacts, property address.
const SPEC: FormSpec = {
  service: 'damageReport',
  title: 'damage.title',
  editTitle: 'edit.title',
  submitLabel: 'damage.submit',
  steps: [
    {
      id: 'applicant',
      title: 'step.applicant',
      fields: [{ kind: 'text', name: 'surname', label: 'person.surname' }],
    },
    {
      id: 'contacts',
      title: 'step.contacts',
      fields: [{ kind: 'phone', name: 'phone', label: 'person.phone' }],
    },
    {
      id: 'propertyAddress',
      title: 'step.propertyAddress',
      fields: [{ kind: 'address', name: 'propAddress', prefix: 'prop', label: 'damage.address' }],
    },
  ],
};

const refused = (issues: { field: string; message: string }[]) => ({
  state: 'attention' as const,
  attention: { reason: 'record.invalid', issues },
});

describe('a refusal from the server, shown when the form opens', () => {
  it('starts on the first step that holds a refused field and keeps every issue', () => {
    const opened = serverIssuesOnOpen(
      SPEC,
      refused([
        { field: 'propPostCode', message: 'postCode.format' },
        { field: 'phone', message: 'phone.format' },
      ]),
      -1,
    );
    expect(opened.startStep).toBe(1);
    expect(opened.issues.map((issue) => issue.field)).toEqual(['propPostCode', 'phone']);
  });

  it('maps an address part to the address step', () => {
    expect(
      serverIssuesOnOpen(SPEC, refused([{ field: 'propPostCode', message: 'postCode.format' }]), -1),
    ).toEqual({
      issues: [{ field: 'propPostCode', message: 'postCode.format' }],
      startStep: 2,
    });
  });

  it('keeps the usual start when no refused field is on a step, or nothing was refused', () => {
    expect(serverIssuesOnOpen(SPEC, refused([{ field: 'unknown', message: 'x' }]), -1).startStep).toBe(-1);
    expect(serverIssuesOnOpen(SPEC, refused([]), 5)).toEqual({ issues: [], startStep: 5 });
    expect(serverIssuesOnOpen(SPEC, { state: 'draft' }, -1)).toEqual({ issues: [], startStep: -1 });
    expect(serverIssuesOnOpen(SPEC, { state: 'queued', attention: undefined }, 0).issues).toEqual([]);
  });

  it('the server’s reason keys have a translation (never the raw key)', () => {
    expect(tReason('postCode.format')).not.toBe('postCode.format');
  });
});
