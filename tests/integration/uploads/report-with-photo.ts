import { expect } from 'vitest';
import type { Person, TestApp } from '../authz/test-app';
import { newId, submitMutation, VALID_FIELDS } from '../fixtures';

/**
 * Pushes a damage report with one photo row naming `sha256`, as the phone does before any photo byte
 * travels (the upload routes let only the owner of such a row send the bytes); answers both ids.
 */
export async function submitReportWithPhoto(
  t: TestApp,
  as: Person,
  sha256: string,
  fields: Record<string, unknown> = VALID_FIELDS,
): Promise<{ recordId: string; photoId: string }> {
  const photoId = newId();
  const mutation = submitMutation(t.nextMutationId(as), {
    fields: {
      ...(fields as typeof VALID_FIELDS),
      [`photos/${photoId}/_exists`]: true,
      [`photos/${photoId}/sha256`]: sha256,
    },
  });
  const pushed = await t.pushOk(as, [mutation]);
  expect(pushed.results[0]).toMatchObject({ status: 'applied' });
  return { recordId: mutation.recordId, photoId };
}
