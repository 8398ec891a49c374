import { createServer } from "node:net";
import { SERVER_PORT } from "../shared/constants.ts";

/** A TCP port on 127.0.0.1 that was free a moment ago (the kernel picks it), never the
 *  game's default SERVER_PORT: a tool must not take it from a running game. */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const port = await new Promise<number>((resolve, reject) => {
      const srv = createServer();
      srv.once("error", reject);
      srv.listen(0, "127.0.0.1", () => {
        const a = srv.address();
        srv.close(() => resolve(typeof a === "object" && a ? a.port : 0));
      });
    });
    if (port > 0 && port !== SERVER_PORT) return port;
  }
  throw new Error("no free port on 127.0.0.1");
}
