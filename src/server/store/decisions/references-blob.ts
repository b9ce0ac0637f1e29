import type { FieldMap } from '../../../shared/record';

/** Whether a record's fields hold a live photo row naming this SHA-256 (see Store.recordReferencesBlob). */
export function fieldsReferenceBlob(fields: FieldMap, sha256: string): boolean {
  for (const [path, value] of Object.entries(fields)) {
    if (value !== sha256) continue;
    const parts = path.split('/');
    if (parts.length !== 3 || parts[0] !== 'photos' || parts[2] !== 'sha256') continue;
    if (fields[`photos/${parts[1]}/_exists`] === true) return true;
  }
  return false;
}
