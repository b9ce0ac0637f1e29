import { useState } from 'preact/hooks';
import { dataBridge } from '../../data-bridge';
import { t } from '../../i18n/translate';

/** Two steps, because withdrawing cannot be undone from the phone. */
export function WithdrawButton({ recordId }: { recordId: string }) {
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <button type="button" class="button button--secondary" onClick={() => setConfirming(true)}>
        {t('withdraw.button')}
      </button>
    );
  }
  return (
    <fieldset class="confirm">
      <legend>{t('withdraw.confirm')}</legend>
      <div class="actions">
        <button
          type="button"
          class="button button--warning"
          onClick={() => void dataBridge().withdraw(recordId)}
        >
          {t('withdraw.confirmYes')}
        </button>
        <button type="button" class="button button--secondary" onClick={() => setConfirming(false)}>
          {t('withdraw.cancel')}
        </button>
      </div>
    </fieldset>
  );
}
