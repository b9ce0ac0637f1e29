import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KatottgRegistry, loadKatottgRegistry } from '../../src/server/katottg/katottg-registry';

const PUBLIC_KATOTTG = fileURLToPath(new URL('../../public/katottg', import.meta.url));

describe('KATOTTH registry on the server', () => {
  let registry: KatottgRegistry;
  beforeAll(async () => {
    registry = await loadKatottgRegistry(PUBLIC_KATOTTG);
  });
  const scratch = mkdtempSync(path.join(tmpdir(), 'katottg-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('knows settlements, including Kyiv and Sevastopol, and nothing above them as a settlement', () => {
    expect(registry.version).toBe('2025-05-16');
    expect(registry.isKnownSettlementCode('UA32060050010081797')).toBe(true); // Бровари (M)
    expect(registry.isKnownSettlementCode('UA12080110010027403')).toBe(true); // Покровське (C)
    expect(registry.isKnownSettlementCode('UA80000000000093317')).toBe(true); // Київ (K)
    expect(registry.isKnownSettlementCode('UA12080110000055958')).toBe(false); // a hromada
    expect(registry.isKnownSettlementCode('UA80000000000624772')).toBe(false); // a Kyiv district
    expect(registry.isKnownCode('UA80000000000624772')).toBe(true);
    expect(registry.categoryOf('UA80000000000624772')).toBe('B');
  });

  it('refuses well-formed but unknown codes', () => {
    expect(registry.isKnownSettlementCode('UA32060050010081798')).toBe(false);
    expect(registry.isKnownSettlementCode('UA14020110020077205 ')).toBe(false);
    expect(registry.oblastOf('UA99000000000000000')).toBeUndefined();
  });

  it('gives the top-level unit of a code, also where the codifier skips levels', () => {
    expect(registry.oblastOf('UA32060050010081797')).toBe('UA32000000000030281');
    expect(registry.oblastOf('UA32000000010085013')).toBe('UA32000000000030281'); // Прип’ять
    expect(registry.oblastOf('UA80000000000624772')).toBe('UA80000000000093317');
    expect(registry.oblastOf('UA32000000000030281')).toBe('UA32000000000030281');
  });

  it('loads the hostilities list alongside', () => {
    expect(registry.hostilities.version).toBe('2025-05-07');
    expect(registry.hostilities.entries).toHaveLength(3195);
  });

  it('refuses to start on files of two different codifier states', async () => {
    cpSync(PUBLIC_KATOTTG, scratch, { recursive: true });
    const file = path.join(scratch, 'UA80000000000093317.json');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('"version":"2025-05-16"', '"version":"2024-06-01"'),
    );
    await expect(loadKatottgRegistry(scratch)).rejects.toThrow(/2024-06-01/);
  });

  it('fails clearly when the directory is missing', async () => {
    await expect(loadKatottgRegistry(path.join(scratch, 'nowhere'))).rejects.toThrow(/ENOENT/);
  });
});
