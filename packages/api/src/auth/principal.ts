import type { Role } from "@claimstream/domain";

/**
 * Who is calling: an API key's id (a digest or a configured name, never the key itself), its
 * role and the insurer it is scoped to (`null`: every insurer).
 */
export interface Principal {
  readonly id: string;
  readonly role: Role;
  readonly insurerId: string | null;
}

/** The actor recorded on events that the process manager causes. */
export const PROCESS_MANAGER_ACTOR = { id: "process-manager", role: "process-manager" } as const;

/** The actor of what an operator records through the CLI (a calendar extension …). */
export const CLI_ACTOR = { id: "cli", role: "admin" } as const;

/** Can this principal see records of `insurerId`? */
export const canSeeInsurer = (principal: Principal, insurerId: string): boolean =>
  principal.insurerId === null || principal.insurerId === insurerId;
