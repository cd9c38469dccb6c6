/** Every business route lives under this prefix; operations and docs live at the root. */
export const API_PREFIX = "/v1";
