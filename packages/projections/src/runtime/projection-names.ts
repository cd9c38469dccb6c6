import { projectionSchema } from "./projection.js";

// `rm_` + name + `__next` must fit PostgreSQL's 63-byte identifiers.
const PROJECTION_NAME = /^[a-z][a-z0-9_]{0,49}$/;

/** The schema a blue/green rebuild writes into before it is swapped in. */
export const rebuildSchema = (name: string): string => `${projectionSchema(name)}__next`;

/** The schema the replaced tables move to during a swap, dropped right after. */
export const retiredSchema = (name: string): string => `${projectionSchema(name)}__old`;

/** Throws unless `name` is a valid projection name: `[a-z][a-z0-9_]*`, at most 50 characters. */
export const assertProjectionName = (name: string): void => {
  if (!PROJECTION_NAME.test(name) || name.includes("__")) {
    throw new Error(
      `Invalid projection name "${name}": use [a-z][a-z0-9_]*, at most 50 characters, no "__"`,
    );
  }
};

/** Throws when two projections share a name. */
export const assertUniqueNames = (names: readonly string[]): void => {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) throw new Error(`Two projections are named "${name}"`);
    seen.add(name);
  }
};
