import { scopedKey } from "./api-keys.js";
import { claimStepsToSettlement, registerClaim } from "./claim-commands.js";
import type { Call } from "./http-client.js";

const INSURER = "pacific-mutual";
const POLICY = "P-LOAD";

/**
 * Claim commands for sustained traffic: FNOL, then each claim's steps to settlement in order,
 * one step in flight per claim (as one handler works a claim), new claims when none is ready.
 *
 * @example
 * ```ts
 * const traffic = new ClaimTraffic();
 * const next = traffic.nextCommand(); // { call, done }
 * ```
 */
export class ClaimTraffic {
  readonly #ready: { id: string; step: number }[] = [];
  readonly #claims: string[] = [];
  #registered = 0;

  /** The claims registered so far, for reads. */
  get claims(): readonly string[] {
    return this.#claims;
  }

  /** The next command, and what to call once it was answered (`ok`: the step was applied). */
  nextCommand(): { call: Call; done: (ok: boolean) => void } {
    const key = scopedKey("handler", INSURER);
    const claim = this.#ready.shift();
    if (claim === undefined) {
      this.#registered += 1;
      const id = `C-LOAD-${this.#registered}`;
      return {
        call: { method: "POST", path: "/v1/claims", key, body: registerClaim(id, POLICY, INSURER) },
        done: (ok) => {
          if (!ok) return;
          this.#claims.push(id);
          this.#ready.push({ id, step: 0 });
        },
      };
    }
    const body = claimStepsToSettlement[claim.step] as object;
    return {
      call: { method: "POST", path: `/v1/claims/${claim.id}/commands`, key, body },
      done: (ok) => {
        const step = ok ? claim.step + 1 : claim.step;
        if (step < claimStepsToSettlement.length) this.#ready.push({ id: claim.id, step });
      },
    };
  }
}
