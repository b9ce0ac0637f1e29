/**
 * mulberry32: a tiny, fast, well-mixed 32-bit PRNG. Every random choice in the fault suite comes
 * from one of these, so a failing run is repeated by passing the seed it printed (FAULT_SEED).
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** A new generator whose sequence depends on this one's seed and `label` only. */
  fork(label: string): Random;
  readonly seed: number;
}

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    seed,
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (probability) => next() < probability,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)]!;
    },
    fork: (label) => seededRandom(hashSeed(`${seed}:${label}`)),
  };
}

function hashSeed(text: string): number {
  // FNV-1a, enough to spread labels over the seed space.
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** FAULT_SEED from the environment, or a fresh one; always printed so a failure can be replayed. */
export function suiteSeed(name: string): number {
  const fromEnv = process.env.FAULT_SEED;
  const seed =
    fromEnv !== undefined && /^\d+$/.test(fromEnv)
      ? Number(fromEnv) >>> 0
      : (Date.now() ^ (process.pid << 8)) >>> 0;
  console.log(`[fault] ${name}: seed ${seed} (replay with FAULT_SEED=${seed})`);
  return seed;
}
