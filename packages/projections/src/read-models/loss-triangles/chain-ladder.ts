/**
 * A cumulative development triangle: one row per origin (accident) period, one column per
 * development age, `null` where the age is not yet observed (below the latest diagonal).
 */
export type CumulativeTriangle = readonly (readonly (number | null)[])[];

/** What the chain ladder projects from a cumulative triangle; every array is per age or origin. */
export interface ChainLadderResult {
  /**
   * Volume-weighted age-to-age factors: `factors[k]` takes age `k` to `k + 1`, the sum over
   * origins observed at both ages of `C[i][k + 1]` divided by the sum of their `C[i][k]`.
   */
  readonly factors: readonly number[];
  /** Age-to-ultimate factors: `cumulativeFactors[k]` = product of `factors[k…]` (1 at the last age). */
  readonly cumulativeFactors: readonly number[];
  /** Per origin: the latest observed cumulative value (0 for an empty row). */
  readonly latest: readonly number[];
  /** Per origin: the age of its latest observed value, `null` for an empty row. */
  readonly latestAge: readonly (number | null)[];
  /** Per origin: `latest × cumulativeFactors[latestAge]`. */
  readonly ultimates: readonly number[];
  /** Per origin: `ultimate − latest`, the incurred-but-not-reported (or unpaid) amount. */
  readonly ibnr: readonly number[];
  readonly totalIbnr: number;
}

const isObserved = (value: number | null | undefined): value is number =>
  typeof value === "number" && Number.isFinite(value);

const ageToAgeFactor = (triangle: CumulativeTriangle, age: number): number => {
  let from = 0;
  let to = 0;
  for (const row of triangle) {
    const a = row[age];
    const b = row[age + 1];
    if (isObserved(a) && isObserved(b)) {
      from += a;
      to += b;
    }
  }
  // No volume observed at this age tells nothing about development: assume none.
  return from === 0 ? 1 : to / from;
};

const latestOf = (row: readonly (number | null)[]): { value: number; age: number | null } => {
  for (let age = row.length - 1; age >= 0; age -= 1) {
    const value = row[age];
    if (isObserved(value)) return { value, age };
  }
  return { value: 0, age: null };
};

/**
 * The basic chain ladder on a cumulative triangle (no tail factor): volume-weighted
 * age-to-age factors, age-to-ultimate factors, and per origin the ultimate and IBNR from its
 * latest diagonal value. Pure: no I/O, no rounding.
 *
 * @example
 * ```ts
 * const result = chainLadder([
 *   [100, 150, 165],
 *   [110, 170, null],
 *   [120, null, null],
 * ]);
 * result.factors; // [320 / 210, 165 / 150]  ≈ [1.5238, 1.1]
 * result.totalIbnr; // 17 (origin 2) + 81.14… (origin 3) ≈ 98.14
 * ```
 */
export const chainLadder = (triangle: CumulativeTriangle): ChainLadderResult => {
  const ages = triangle.reduce((max, row) => Math.max(max, row.length), 0);
  const factors = Array.from({ length: Math.max(ages - 1, 0) }, (_, age) =>
    ageToAgeFactor(triangle, age),
  );
  const cumulativeFactors: number[] = new Array(ages).fill(1);
  for (let age = ages - 2; age >= 0; age -= 1) {
    cumulativeFactors[age] = (factors[age] ?? 1) * (cumulativeFactors[age + 1] ?? 1);
  }
  const latest = triangle.map(latestOf);
  const ultimates = latest.map(({ value, age }) =>
    age === null ? 0 : value * (cumulativeFactors[age] ?? 1),
  );
  const ibnr = ultimates.map((ultimate, i) => ultimate - (latest[i]?.value ?? 0));
  return {
    factors,
    cumulativeFactors,
    latest: latest.map((l) => l.value),
    latestAge: latest.map((l) => l.age),
    ultimates,
    ibnr,
    totalIbnr: ibnr.reduce((sum, x) => sum + x, 0),
  };
};
