import { type TAlert, type TPlaceAlertInput } from "@repo/shared-types/api";
import { queryOptions } from "@tanstack/react-query";
import type { ApiClient } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

/** Every alert of the user, newest first; alert:triggered marks one fired. */
export const alertsQuery = (api: ApiClient) =>
  queryOptions({
    queryKey: queryKeys.account.alerts,
    queryFn: () => api.alerts.list(),
  });

export function placeAlert(api: ApiClient, body: TPlaceAlertInput) {
  return api.alerts.create(body);
}

export function removeAlert(api: ApiClient, alertId: string) {
  return api.alerts.remove(alertId);
}

/** The list with `fired` in place of its armed self (or first, if it was not listed yet). */
export function markTriggered(alerts: TAlert[] | undefined, fired: TAlert): TAlert[] | undefined {
  if (!alerts) return alerts;
  if (!alerts.some((a) => a.alertId === fired.alertId)) return [fired, ...alerts];
  return alerts.map((a) => (a.alertId === fired.alertId ? fired : a));
}

/**
 * Asks for browser notifications the first time a trader sets an alert (a permission prompt
 * needs a user gesture, and nobody should be asked before they want one).
 */
export function askNotificationPermission(): void {
  if (typeof Notification === "undefined" || Notification.permission !== "default") return;
  void Notification.requestPermission();
}

/** A system notification when permitted; the toast shows either way. */
export function notify(title: string, body: string): void {
  if (typeof Notification === "undefined" || Notification.permission !== "granted") return;
  new Notification(title, { body, tag: title });
}
