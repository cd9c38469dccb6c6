import type { ChainLadderResult, LossTriangle } from "@claimstream/projections";

/** A triangle and its chain ladder, as the triangles endpoint answers. */
export type TriangleAnswer = LossTriangle & {
  readonly chainLadder: ChainLadderResult & { readonly basis: "paid" | "incurred" };
};

/**
 * The triangle as CSV rows: one per accident period, with the cumulative amount at each
 * development age of the chosen basis, then the chain-ladder latest, ultimate and IBNR.
 */
export const triangleRows = (answer: TriangleAnswer): Record<string, unknown>[] => {
  const { chainLadder } = answer;
  const triangle = answer[chainLadder.basis];
  return answer.origins.map((origin, i) => ({
    origin,
    claims: answer.claimCounts[i] ?? 0,
    ...Object.fromEntries(answer.ages.map((age, k) => [`age${age}`, triangle[i]?.[k] ?? null])),
    latest: chainLadder.latest[i] ?? 0,
    ultimate: chainLadder.ultimates[i] ?? 0,
    ibnr: chainLadder.ibnr[i] ?? 0,
  }));
};
