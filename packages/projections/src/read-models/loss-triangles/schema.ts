import type { LossFactTables } from "../loss-facts/loss-fact-tables.js";

/**
 * The loss triangles' tables (schema `rm_loss_triangles`): the same dated loss facts as the
 * loss ratio (claims with their accident date, paid and reserve movements with their business
 * date), kept in the projection's own schema so that each read model rebuilds on its own.
 */
export type LossTrianglesTables = LossFactTables;
