import { ZAuthResponse, ZUser, type TSigninRequest, type TSignupRequest } from "@repo/shared-types/api";
import { queryOptions } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

/** Who the stored token belongs to; a 401 here ends the session. */
export const meQuery = (api: ApiClient) =>
  queryOptions({
    queryKey: queryKeys.account.me,
    queryFn: () => api.request("/api/v1/auth/me", ZUser),
    staleTime: 60_000,
  });

export function signUp(api: ApiClient, body: TSignupRequest) {
  return api.request("/api/v1/auth/signup", ZAuthResponse, { method: "POST", body, auth: false });
}

export function signIn(api: ApiClient, body: TSigninRequest) {
  return api.request("/api/v1/auth/signin", ZAuthResponse, { method: "POST", body, auth: false });
}
