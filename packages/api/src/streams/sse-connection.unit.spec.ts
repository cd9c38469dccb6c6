import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { SseConnection } from "./sse-connection.js";

// A client socket whose buffer holds 64 bytes and that reads only when told to.
const slowClient = () => {
  const pending: (() => void)[] = [];
  const written: string[] = [];
  const target = new Writable({
    highWaterMark: 64,
    write(chunk: Buffer, _encoding, done) {
      written.push(chunk.toString());
      pending.push(done);
    },
  });
  return {
    target,
    written,
    readAll: () => {
      for (const done of pending.splice(0)) done();
    },
  };
};

const frame = (n: number) => `id: ${n}\ndata: ${"x".repeat(100)}\n\n`;

describe("an SSE connection", () => {
  it("waits for the client to drain a full buffer before taking the next frame", async () => {
    const client = slowClient();
    const connection = new SseConnection(client.target, {
      heartbeatMs: 60_000,
      slowClientMs: 5000,
    });
    let accepted = false;
    const sending = connection.send(frame(1)).then((ok) => {
      accepted = ok;
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(accepted).toBe(false);
    client.readAll();
    await sending;
    expect(accepted).toBe(true);
    connection.close();
  });

  it("drops a client whose buffer stays full past the limit, and sends nothing more", async () => {
    const client = slowClient();
    const connection = new SseConnection(client.target, { heartbeatMs: 60_000, slowClientMs: 50 });
    expect(await connection.send(frame(1))).toBe(false);
    expect(await connection.ended).toBe("slow_client");
    expect(client.target.destroyed).toBe(true);
    expect(await connection.send(frame(2))).toBe(false);
    expect(client.written).toHaveLength(1);
  });

  it("writes heartbeats only while the buffer has room", async () => {
    const client = slowClient();
    const connection = new SseConnection(client.target, { heartbeatMs: 5, slowClientMs: 5000 });
    await new Promise((resolve) => setTimeout(resolve, 150));
    // 30 beats would be 390 bytes; they stop once the 64-byte buffer is full.
    expect(client.target.writableLength).toBeLessThanOrEqual(64 + 13);
    expect(client.written).toEqual([": heartbeat\n\n"]);
    connection.close();
    expect(await connection.ended).toBe("server_closing");
  });
});
