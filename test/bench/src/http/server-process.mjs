/** Starting a server in its own process (so the load generator never shares its event loop). */
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";

/** Forks `script` (a file of this folder) and resolves once it sent its `{ url }`. */
export const startServerProcess = (script, args = []) =>
  new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(new URL(script, import.meta.url)), args, {
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    const exited = new Promise((done) => child.on("exit", done));
    child.once("message", ({ url }) =>
      resolve({
        url,
        ask: (message) =>
          new Promise((answer) => {
            child.once("message", answer);
            child.send(message);
          }),
        stop: async () => {
          if (child.connected) child.disconnect();
          await exited;
        },
      }),
    );
    child.on("exit", (code) => reject(new Error(`${script} exited with ${code}`)));
  });
