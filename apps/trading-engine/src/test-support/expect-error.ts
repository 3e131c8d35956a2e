import { expect } from "vitest";
import { ERROR_STATUS, ZErrorBody, type TErrorCode } from "@repo/shared-types/errors";

/** Asserts the status of `code` from the shared table and a non-empty `{error: {code, message}}` body. */
export function expectError(response: { statusCode: number; json: () => unknown }, code: TErrorCode): void {
  expect(response.statusCode).toBe(ERROR_STATUS[code]);
  const body = ZErrorBody.parse(response.json());
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(0);
}
