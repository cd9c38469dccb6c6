/** The orchestrator's side of a {@link ../host/contender-host.mjs} process. */
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";

const HOST = fileURLToPath(new URL("./contender-host.mjs", import.meta.url));

/**
 * Starts a contender's process. `execArgv` may add e.g. `--cpu-prof`; the process ends when
 * `stop()` disconnects it.
 */
export const startHost = (contender, { execArgv = [], env = process.env } = {}) => {
  const child = fork(HOST, [contender], {
    execArgv: ["--max-old-space-size=8192", ...execArgv],
    env,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const pending = new Map();
  let next = 0;
  child.on("message", ({ id, result, error }) => {
    const call = pending.get(id);
    pending.delete(id);
    if (error === undefined) call?.resolve(result);
    else call?.reject(new Error(`${contender}: ${error}`));
  });
  const exited = new Promise((resolve) => child.on("exit", resolve));
  child.on("exit", (code) => {
    for (const call of pending.values()) call.reject(new Error(`${contender} exited (${code})`));
    pending.clear();
  });
  return {
    contender,
    call: (op, measure, params = {}) =>
      new Promise((resolve, reject) => {
        const id = next++;
        pending.set(id, { resolve, reject });
        child.send({ id, op, measure, params });
      }),
    stop: async () => {
      if (child.connected) child.disconnect();
      await exited;
    },
  };
};
