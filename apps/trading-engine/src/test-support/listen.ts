import type { App } from "../app";

/** Listens on an ephemeral loopback port; returns the base URL. */
export async function listen(app: App): Promise<string> {
  await app.http.listen({ port: 0, host: "127.0.0.1" });
  const address = app.http.server.address();
  if (address === null || typeof address === "string") throw new Error("no TCP address");
  return `http://127.0.0.1:${address.port}`;
}
