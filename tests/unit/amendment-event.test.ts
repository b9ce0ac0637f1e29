import { describe, expect, it } from 'vitest';
import { amendmentEventDetail, readAmendmentEventDetail } from '../../src/shared/protocol/amendment-event';

describe('an amendment event’s detail', () => {
  it('is the field’s path for the person’s request', () => {
    expect(amendmentEventDetail('propOblast')).toBe('propOblast');
    expect(readAmendmentEventDetail('propOblast')).toEqual({ path: 'propOblast' });
  });

  it('carries the office’s decision after the path, and reads back', () => {
    for (const decision of ['accepted', 'declined'] as const) {
      const detail = amendmentEventDetail('household/3f2a/birthDate', decision);
      expect(readAmendmentEventDetail(detail)).toEqual({ path: 'household/3f2a/birthDate', decision });
    }
  });

  it('takes an unknown word after the path for no decision', () => {
    expect(readAmendmentEventDetail('propOblast maybe')).toEqual({ path: 'propOblast' });
  });
});
