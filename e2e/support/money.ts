/** "+$1,234.56" / "-$0.50" / "$10,000.00" → integer cents (exact, no float). */
export function usdTextToCents(text: string): number {
  const match = /^([+-])?\$([\d,]+)\.(\d{2})$/.exec(text.trim());
  if (!match) throw new Error(`not a USD amount: ${JSON.stringify(text)}`);
  const [, sign, int = "0", cents = "00"] = match;
  const value = Number(int.replaceAll(",", "")) * 100 + Number(cents);
  return sign === "-" ? -value : value;
}

/** Integer cents → "$10,012.34", the terminal's format. */
export function centsToUsdText(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  const int = Math.floor(abs / 100).toLocaleString("en-US");
  return `${sign}$${int}.${String(abs % 100).padStart(2, "0")}`;
}
