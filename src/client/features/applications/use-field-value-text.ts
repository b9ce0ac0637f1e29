import type { FieldValue } from '../../../shared/record';
import { useSettlementText } from '../address/settlement-text';
import { displayValue } from './field-display';

/**
 * A field's value as the person reads it: displayValue's layout, and a settlement's name instead of
 * its KATOTTH code (which needs the oblast's list, hence a hook).
 */
export function useFieldValueText(path: string, value: FieldValue | undefined): string {
  const settlement = useSettlementText(
    /Settlement$/.test(path) && typeof value === 'string' ? value : undefined,
  );
  return settlement ?? displayValue(path, value);
}
