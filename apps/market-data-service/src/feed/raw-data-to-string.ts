import type { RawData } from "ws";

/** ws delivers a Buffer, a Buffer[] (fragmented) or an ArrayBuffer; frames are UTF-8 JSON text. */
export function rawDataToString(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString("utf8");
  if (Array.isArray(data)) return Buffer.concat(data).toString("utf8");
  return Buffer.from(data).toString("utf8");
}
