import { KEYS } from "../../support/test-app.js";

/** GET a JSON answer of the API under test (admin key unless told). */
export const apiJson = async <T>(
  baseUrl: string,
  path: string,
  key: string = KEYS.admin,
): Promise<T> => {
  const response = await fetch(`${baseUrl}${path}`, {
    headers: { authorization: `Bearer ${key}` },
  });
  if (!response.ok)
    throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
};

/** GET the CSV the API answers to `Accept: text/csv`. */
export const apiCsv = async (baseUrl: string, path: string): Promise<string> => {
  const response = await fetch(`${baseUrl}${path}`, {
    headers: { authorization: `Bearer ${KEYS.admin}`, accept: "text/csv" },
  });
  return response.text();
};

/** POST a command to an aggregate. */
export const sendCommand = async (
  baseUrl: string,
  path: string,
  command: object,
): Promise<number> => {
  const response = await fetch(`${baseUrl}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${KEYS.admin}`, "content-type": "application/json" },
    body: JSON.stringify(command),
  });
  return response.status;
};
