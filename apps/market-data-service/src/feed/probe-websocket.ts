import WebSocket from "ws";

/** True when a WebSocket handshake with `url` completes within `timeoutMs` (the socket is closed again). */
export function probeWebSocket(url: string, timeoutMs: number): Promise<{ ok: boolean; reason: string }> {
  return new Promise((resolve) => {
    let settled = false;
    const socket = new WebSocket(url, { handshakeTimeout: timeoutMs });
    const finish = (ok: boolean, reason: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.removeAllListeners();
      socket.on("error", () => undefined);
      socket.terminate();
      resolve({ ok, reason });
    };
    const timer = setTimeout(() => finish(false, `no handshake within ${timeoutMs} ms`), timeoutMs);
    socket.once("open", () => finish(true, "connected"));
    socket.once("error", (error) => finish(false, error.message));
  });
}
