import type { KatottgUnit, OblastTree, SettlementHit } from '../../../shared/domain/katottg';
import { pathOf } from '../../../shared/domain/katottg';
import { t } from '../../i18n/translate';

// Kyiv and Sevastopol (K) are shown by their name alone; settlements carry the kind of place, because
// a city and a village of the same name often sit side by side.
export function unitName(unit: KatottgUnit): string {
  switch (unit.category) {
    case 'M':
      return t('address.city', { name: unit.name });
    case 'X':
      return t('address.townlet', { name: unit.name });
    case 'C':
      return t('address.village', { name: unit.name });
    default:
      return unit.name;
  }
}

/** «Броварська громада, Броварський район»: what tells same-named villages apart. */
export function hitDetail(hit: Pick<SettlementHit, 'raion' | 'hromada'>): string {
  const parts: string[] = [];
  if (hit.hromada) parts.push(t('address.hromada', { name: hit.hromada.name }));
  if (hit.raion) parts.push(t('address.raion', { name: hit.raion.name }));
  return parts.join(', ');
}

export function settlementDescription(
  tree: OblastTree,
  code: string,
): { name: string; detail: string } | null {
  const path = pathOf(tree, code);
  const unit = path.at(-1);
  if (!unit) return null;
  return {
    name: unitName(unit),
    detail: hitDetail({
      raion: path.find((item) => item.category === 'P') ?? null,
      hromada: path.find((item) => item.category === 'H') ?? null,
    }),
  };
}
