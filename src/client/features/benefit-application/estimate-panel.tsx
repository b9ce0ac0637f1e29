import { useEffect, useState } from 'preact/hooks';
import { KatottgNotAvailableOfflineError, loadHostilitiesList } from '../../../local/address';
import { livingAllowanceTerritoryReason } from '../../../shared/domain/katottg';
import {
  type AllowanceLine,
  estimateLivingAllowance,
} from '../../../shared/domain/living-allowance-estimate';
import { childRows, type FieldMap } from '../../../shared/record';
import { textValue, todayIso } from '../../forms/field-values';
import { formatHryvnia } from '../../forms/money';
import { t } from '../../i18n/translate';
import { fetchKatottg } from '../address/katottg-fetch';
import { memberName } from '../household/household-editor';

const APPLICANT = 'applicant';

type Territory =
  | { readonly status: 'loading' | 'offline' | 'failed' | 'noAddress' }
  | { readonly status: 'ready'; readonly reason: string | null };

function useTerritory(code: string | undefined, today: string): Territory {
  const [state, setState] = useState<Territory>({ status: code ? 'loading' : 'noAddress' });
  useEffect(() => {
    if (!code) return setState({ status: 'noAddress' });
    let current = true;
    loadHostilitiesList(fetchKatottg).then(
      (list) =>
        current && setState({ status: 'ready', reason: livingAllowanceTerritoryReason(list, code, today) }),
      (error: unknown) =>
        current &&
        setState({ status: error instanceof KatottgNotAvailableOfflineError ? 'offline' : 'failed' }),
    );
    return () => {
      current = false;
    };
  }, [code, today]);
  return state;
}

function lineText(line: AllowanceLine, fields: FieldMap): string {
  const row = childRows(fields, 'household').find((item) => item.id === line.id);
  const who =
    line.id === APPLICANT ? t('estimate.you') : (row && memberName(row.fields)) || t('estimate.member');
  return t(`estimate.${line.category}`, { who, amount: formatHryvnia(line.amount, t('money.currency')) });
}

/**
 * The monthly amount the answers point to and why, and whether the registered address is on the list of
 * territories — an estimate, never a promise: the office decides, and checks income too.
 */
export function EstimatePanel({ fields }: { fields: FieldMap }) {
  const today = todayIso();
  const people = [
    {
      id: APPLICANT,
      birthDate: textValue(fields, 'birthDate'),
      hasDisability: fields.applicantHasDisability === true,
    },
    ...childRows(fields, 'household').map((row) => ({
      id: row.id,
      birthDate: typeof row.fields.birthDate === 'string' ? row.fields.birthDate : undefined,
      hasDisability: row.fields.hasDisability === true,
    })),
  ];
  const estimate = estimateLivingAllowance(people, today);
  const territory = useTerritory(textValue(fields, 'regSettlement') ?? textValue(fields, 'regOblast'), today);
  return (
    <section class="estimate" aria-labelledby="estimate-title" data-testid="estimate">
      <h2 id="estimate-title">{t('estimate.title')}</h2>
      <p class="estimate__total" data-testid="estimate-total">
        {t('estimate.total', { amount: formatHryvnia(estimate.total, t('money.currency')) })}
      </p>
      <ul class="estimate__lines">
        {estimate.lines.map((line) => (
          <li key={line.id}>{lineText(line, fields)}</li>
        ))}
      </ul>
      <p data-testid="estimate-territory">
        {territory.status === 'ready'
          ? t(
              territory.reason === 'territory.temporarilyOccupied'
                ? 'territory.temporarilyOccupied'
                : territory.reason === 'territory.activeHostilities'
                  ? 'territory.activeHostilities'
                  : territory.reason === 'territory.possibleHostilities'
                    ? 'territory.possibleHostilities'
                    : 'territory.notListed',
            )
          : territory.status === 'loading'
            ? t('territory.loading')
            : territory.status === 'noAddress'
              ? t('territory.noAddress')
              : t('territory.unavailable')}
      </p>
      <p class="estimate__caveat">{t('estimate.caveat')}</p>
    </section>
  );
}
