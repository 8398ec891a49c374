/**
 * Where the game server is. In production the page and Colyseus share one origin; under
 * the Vite dev server (port 5173) the game server listens on SERVER_PORT of the same host.
 * `?server=` overrides both (e.g. `?server=http://10.0.0.5:2567` or `?server=host:2567`).
 */
import { SERVER_PORT } from "../../shared/constants.ts";

export interface PageLocation {
  protocol: string;
  hostname: string;
  host: string;
  search: string;
}

/** `devPort`: the game server's port under the Vite dev server (npm run dev passes its PORT). */
export function resolveServerUrl(loc: PageLocation, dev: boolean, devPort: number = SERVER_PORT): string {
  const override = new URLSearchParams(loc.search).get("server")?.trim();
  if (override) {
    const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(override) ? override : `${loc.protocol}//${override}`;
    return withScheme.replace(/\/+$/, "");
  }
  if (dev) return `${loc.protocol}//${loc.hostname}:${devPort}`;
  return `${loc.protocol}//${loc.host}`;
}
