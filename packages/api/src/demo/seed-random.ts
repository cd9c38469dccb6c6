/**
 * A small seeded pseudo-random source for the demo data generator. `Math.random` is never used:
 * the same seed always gives the same data set.
 */
export interface SeedRandom {
  /** A float in [0, 1). */
  readonly next: () => number;
  /** An integer in [min, max], both inclusive. */
  readonly int: (min: number, max: number) => number;
  /** A float in [min, max). */
  readonly between: (min: number, max: number) => number;
  /** `true` with probability `p`. */
  readonly chance: (p: number) => boolean;
  /** One element of a non-empty list. */
  readonly pick: <T>(items: readonly T[]) => T;
  /** One key of a table of weights (weights need not sum to 1; zero weights are never picked). */
  readonly weighted: <K extends string>(weights: Readonly<Partial<Record<K, number>>>) => K;
}

/**
 * mulberry32: a 32-bit generator, tiny and good enough for demo data.
 *
 * @example
 * ```ts
 * const random = createSeedRandom(42);
 * random.int(1, 6); // the same number on every run
 * ```
 */
export const createSeedRandom = (seed: number): SeedRandom => {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    const item = items[Math.floor(next() * items.length)];
    if (item === undefined) throw new Error("pick needs a non-empty list");
    return item;
  };
  const weighted = <K extends string>(weights: Readonly<Partial<Record<K, number>>>): K => {
    const entries = (Object.entries(weights) as [K, number][]).filter(([, w]) => w > 0);
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let roll = next() * total;
    for (const [key, w] of entries) {
      roll -= w;
      if (roll < 0) return key;
    }
    return pick(entries)[0];
  };
  return {
    next,
    int,
    between: (min, max) => min + next() * (max - min),
    chance: (p) => next() < p,
    pick,
    weighted,
  };
};
