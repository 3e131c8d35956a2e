/** Unix seconds → Backpack's naive UTC text with the given separator ("T" on WS, " " on REST). */
export function secondsToNaiveUtc(seconds: number, separator: "T" | " "): string {
  const iso = new Date(seconds * 1000).toISOString(); // 2026-09-02T16:44:00.000Z
  return `${iso.slice(0, 10)}${separator}${iso.slice(11, 19)}`;
}
