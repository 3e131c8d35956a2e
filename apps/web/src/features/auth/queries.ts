import { type TSigninRequest, type TSignupRequest } from "@repo/shared-types/api";
import { queryOptions } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

/** Who the stored token belongs to; a 401 here ends the session. */
export const meQuery = (api: ApiClient) =>
  queryOptions({
    queryKey: queryKeys.account.me,
    queryFn: () => api.me(),
    staleTime: 60_000,
  });

export function signUp(api: ApiClient, body: TSignupRequest) {
  return api.signup(body);
}

export function signIn(api: ApiClient, body: TSigninRequest) {
  return api.signin(body);
}
