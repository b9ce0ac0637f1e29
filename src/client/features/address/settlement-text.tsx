import { OBLASTS } from '../../../shared/domain/oblasts';
import { language } from '../../i18n/translate';
import { settlementDescription } from './settlement-name';
import { useOblastTree } from './use-oblast-tree';

/**
 * A stored KATOTTH code as its name and community, once the oblast's list is at hand (the code until
 * then); undefined for no code, so a caller can fall back to its own text.
 */
export function useSettlementText(code: string | undefined): string | undefined {
  const oblast =
    code === undefined ? undefined : OBLASTS.find((item) => item.code.slice(0, 4) === code.slice(0, 4));
  const [state] = useOblastTree(oblast && oblast.code !== code ? oblast.code : undefined);
  if (code === undefined) return undefined;
  if (oblast?.code === code) return oblast[language.value];
  const place = state.status === 'ready' ? settlementDescription(state.tree, code) : null;
  if (!place) return code;
  return place.detail ? `${place.name} (${place.detail})` : place.name;
}

export function SettlementText({ code }: { code: string }) {
  return <>{useSettlementText(code)}</>;
}
