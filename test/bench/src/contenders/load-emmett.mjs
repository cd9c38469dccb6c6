/** Loads the Emmett contender's module on first use (only its own process ever calls this). */
export const loadEmmett = () => import("./emmett-store.mjs");
