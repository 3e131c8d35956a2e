import type { ClosedPositionSnapshot } from "@repo/engine-core/snapshot";
import { ZClosedPosition } from "@repo/shared-types/api";
import { presentClosedPosition } from "./present";

/** The header: ClosedPosition's field names in the schema's order (the API's own names). */
const COLUMNS = ZClosedPosition.keyof().options;

/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
function field(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The history as CSV: the JSON row's fields, but money and prices as the exact decimal strings
 * stored (not JSON numbers), times as ISO 8601 UTC and empty cells for null.
 */
export function historyCsv(rows: readonly ClosedPositionSnapshot[], assetOf: (symbol: string) => string): string {
  const lines = [COLUMNS.join(",")];
  for (const row of rows) {
    const exact: Record<string, string | number | null> = {
      ...presentClosedPosition(row, assetOf(row.symbol)),
      margin: row.margin,
      entryPrice: row.entryPrice,
      quantity: row.quantity,
      unrealizedPnL: "0.00",
      timestamp: new Date(row.openedAt).toISOString(),
      liquidationPrice: row.liquidationPrice,
      stopLoss: row.stopLoss,
      takeProfit: row.takeProfit,
      // One cell for the object: the distance the stop trailed by (its last level is the close).
      trailingStop: row.trailingStop?.distance ?? null,
      currentPrice: row.closePrice,
      closePrice: row.closePrice,
      realizedPnL: row.realizedPnl,
      closedAt: new Date(row.closedAt).toISOString(),
    };
    lines.push(COLUMNS.map((column) => cell(exact[column])).join(","));
  }
  return `${lines.join("\r\n")}\r\n`;
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return field(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return field(JSON.stringify(value));
}
