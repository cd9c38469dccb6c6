/**
 * The baseline of measure 8: a hello-world Fastify server (same Fastify major as the API, no
 * plugins, logger off) with `GET /hello` and `POST /hello` (parses the JSON body). Sends
 * `{ url }` once up; stops when disconnected.
 */
import Fastify from "fastify";

const app = Fastify({ logger: false });
app.get("/hello", async () => ({ hello: "world" }));
app.post("/hello", async (request) => ({ hello: "world", type: request.body?.type ?? null }));
const address = await app.listen({ host: "127.0.0.1", port: 0 });
process.on("disconnect", async () => {
  await app.close();
  process.exit(0);
});
process.send({ url: address });
