import type { RecordState } from '../../../local';
import { t } from '../../i18n/translate';

export function StateLabel({ state }: { state: RecordState }) {
  return (
    <span class={`state state--${state}`} data-testid="record-state">
      {t(`state.${state}`)}
    </span>
  );
}
