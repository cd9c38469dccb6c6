import { expect } from "vitest";

/** An answer of the API under test, with the body parsed (CSV kept as text). */
export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly body: Record<string, unknown> & { followUps?: { type: string; id: string }[] };
}

/** A fetch client for a listening server. */
export const httpClient = (baseUrl: () => string) => {
  const call = async (
    key: string,
    method: "GET" | "POST",
    path: string,
    body?: object,
    headers: Record<string, string> = {},
  ): Promise<Answer> => {
    const response = await fetch(`${baseUrl()}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    const json = (response.headers.get("content-type") ?? "").includes("json") && text !== "";
    return {
      status: response.status,
      headers: response.headers,
      text,
      body: json ? JSON.parse(text) : {},
    };
  };
  /** Sends a command and expects it applied. */
  const send = async (key: string, collection: string, id: string, command: object) => {
    const answer = await call(key, "POST", `/v1/${collection}/${id}/commands`, command);
    expect(answer.status, `${JSON.stringify(command).slice(0, 60)} → ${answer.text}`).toBe(200);
    return answer;
  };
  return { call, send };
};
