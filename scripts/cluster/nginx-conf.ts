/**
 * nginx as the cluster's one entry: it serves the built client, sends matchmaking to any
 * live process, and each process's game sockets under /pN/ to that process alone. Colyseus
 * builds the socket URL as <publicAddress>/<processId>/<roomId>, so a process published as
 * host/p2 gets its players' sockets through /p2/.
 *
 * Public: the client, /matchmake/, /healthz and the game sockets (/pN/<processId>/<roomId>).
 * Everything else a process serves (/metrics, /monitor, /pN/healthz, /pN/metrics ...) is for
 * operators: only loopback and the --admin-allow networks reach it.
 */

// ── Cluster entry limits ──
// Each number is what one honest player (or an honest process) needs, with room to spare.

/** s. Connecting to a process on loopback takes microseconds; no answer in 1 s means it is gone. */
export const UPSTREAM_CONNECT_TIMEOUT_S = 1;
/**
 * s. A matchmake answer takes milliseconds, except while a peer process is stuck: then a
 * healthy process may itself wait on Colyseus' IPC to the stuck one (a 2 s seat-reservation
 * timeout, a 2 s health check of that process, a retry within 0.8 s) before it answers;
 * measured up to 4.8 s with one core spinning. A timeout counts as a failure of the process
 * that did not answer, so a bound near that would cut a healthy process's late answer (its
 * seat reserved for nobody) and take it out of the rotation too. Past 8 s the player waited
 * long enough: a process that has not answered by then is stuck.
 */
export const MATCHMAKE_READ_TIMEOUT_S = 8;
/** s. /healthz reads only its own process's counts: an answer slower than this is a stuck loop. */
export const HEALTH_READ_TIMEOUT_S = 2;
/** s. An operator's /metrics or /monitor page; generous, they are not on any player's path. */
export const ADMIN_READ_TIMEOUT_S = 10;
/** A request tries at most this many processes, and gives up moving on after NEXT_UPSTREAM_TIMEOUT_S. */
export const NEXT_UPSTREAM_TRIES = 3;
export const NEXT_UPSTREAM_TIMEOUT_S = 10;
/**
 * Passive health: one failed request (refused, timed out, 502/503 on a request that may be
 * retried) takes a process out of the matchmaking rotation for FAIL_TIMEOUT_S, then one
 * request tries it again. A stuck process times out at 8 s; 5 s more spans its watchdog's
 * kill (10 s by default) and most of its restart (1.5 to 3 s).
 */
export const MAX_FAILS = 1;
export const FAIL_TIMEOUT_S = 5;
/** Matchmaking requests per second per client address, and the burst above it served at once:
 *  a page load makes 2 or 3 (the lobby, quick play), a reconnecting player a few more. */
export const MATCHMAKE_RATE_PER_S = 10;
export const MATCHMAKE_BURST = 20;
/** Connections per client address: a player holds 2 or 3 (page, lobby, game socket), so a
 *  household or a small LAN party behind one address fits many times over. */
export const CONNECTIONS_PER_IP = 64;
/** bytes. A matchmake body is the join options (a name, a room code): well under 1 KB. */
export const MATCHMAKE_MAX_BODY = "4k";
/** s. A browser sends its request headers and body at once; a client that dribbles them
 *  (slowloris) is cut off after this long instead of holding a connection for 60 s. */
export const CLIENT_HEADER_TIMEOUT_S = 5;
export const CLIENT_BODY_TIMEOUT_S = 5;
/** A game socket is quiet only if the game is: let it live as long as it plays. */
export const SOCKET_TIMEOUT = "1h";

export interface NginxSite {
  /** where nginx keeps its pid, temp files and (for TLS) the certificate. */
  dir: string;
  listen: string;
  tls?: { cert: string; key: string };
  clientDir: string;
  mimeTypes: string;
  /** 127.0.0.1 ports of the processes, in /p1, /p2... order. */
  ports: number[];
  /** networks (CIDR or single address) besides loopback that reach the operators' endpoints. */
  adminAllow?: string[];
}

export function processPath(index: number): string {
  return `/p${index + 1}`;
}

/** Loopback always: the host's own tools, bots and tests. */
const LOOPBACK = ["127.0.0.1", "::1"];

/** The headers every proxied location sends. X-Real-IP replaces whatever a client sent under
 *  that name, so a process started with --client-ip-header X-Real-IP sees the true address. */
function proxyHeaders(indent: string): string {
  return [
    "proxy_http_version 1.1;",
    "proxy_set_header Host $host;",
    "proxy_set_header X-Real-IP $remote_addr;",
    "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;",
    "proxy_set_header X-Forwarded-Proto $scheme;",
  ]
    .map((l) => indent + l)
    .join("\n");
}

function adminOnly(trusted: string[], indent: string): string {
  return [...trusted.map((a) => `allow ${a};`), "deny all;"].map((l) => indent + l).join("\n");
}

export function renderNginxConf(site: NginxSite): string {
  const trusted = [...LOOPBACK, ...(site.adminAllow ?? [])];
  const upstream = site.ports.map((p) => `    server 127.0.0.1:${p} max_fails=${MAX_FAILS} fail_timeout=${FAIL_TIMEOUT_S}s;`).join("\n");
  const perProcess = site.ports
    .map((p, i) => {
      const at = processPath(i);
      return `    # ${at}/<processId>/<roomId>: a player's game socket on this process, and nothing else
    location ~ ^${at}/[^/]+/[^/]+$ {
      if ($tickfire_not_socket) {
        return 404;
      }
      rewrite ^${at}(/.*)$ $1 break;
      proxy_pass http://127.0.0.1:${p};
${proxyHeaders("      ")}
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_connect_timeout ${UPSTREAM_CONNECT_TIMEOUT_S}s;
      proxy_read_timeout ${SOCKET_TIMEOUT};
      proxy_send_timeout ${SOCKET_TIMEOUT};
    }

    # the rest of this process (${at}/healthz, ${at}/metrics, ${at}/monitor): operators only.
    # Bots tell a dead process from a dropped socket by its ${at}/healthz; bots on another
    # host need their address in --admin-allow, or they read every drop as a lost process
    # (they then rejoin by quick play instead of waiting for their seat).
    location ${at}/ {
${adminOnly(trusted, "      ")}
      proxy_pass http://127.0.0.1:${p}/;
${proxyHeaders("      ")}
      proxy_set_header Connection "";
      proxy_connect_timeout ${UPSTREAM_CONNECT_TIMEOUT_S}s;
      proxy_read_timeout ${ADMIN_READ_TIMEOUT_S}s;
    }`;
    })
    .join("\n\n");
  const tls = site.tls
    ? `    ssl_certificate ${site.tls.cert};
    ssl_certificate_key ${site.tls.key};
    ssl_protocols TLSv1.2 TLSv1.3;\n`
    : "";
  // What may be retried on the next process: a refused or timed-out connect, a timeout, a
  // 502 (the process died mid-request: its watchdog killed it) or a 503 (full or stalled).
  const retry = `      proxy_connect_timeout ${UPSTREAM_CONNECT_TIMEOUT_S}s;
      proxy_next_upstream error timeout http_502 http_503;
      proxy_next_upstream_tries ${NEXT_UPSTREAM_TRIES};
      proxy_next_upstream_timeout ${NEXT_UPSTREAM_TIMEOUT_S}s;`;
  // Matchmaking POSTs are replayed too (non_idempotent), though nginx refuses by default: a
  // process that failed one of them either never read it (stuck: the bytes sat in its socket
  // buffer until the watchdog killed it) or answered nothing we can use. The worst a replay
  // can leave behind is a seat reserved for nobody, freed after SEAT_RESERVATION_SECONDS,
  // or a room made for nobody, disposed with it. Without it, every quick play nginx had
  // sent to a stuck process failed with a 502 (measured: about half of those made during a
  // 3 s stall).
  const matchmakeRetry = retry.replace("http_503;", "http_503 non_idempotent;");
  return `# Generated by npm run cluster; edit scripts/cluster/nginx-conf.ts instead.
worker_processes 1;
pid ${site.dir}/nginx.pid;
error_log stderr warn;

events {
  worker_connections 4096;
}

http {
  include ${site.mimeTypes};
  default_type application/octet-stream;
  access_log off;
  sendfile on;
  server_tokens off;
  client_header_timeout ${CLIENT_HEADER_TIMEOUT_S}s;
  client_body_timeout ${CLIENT_BODY_TIMEOUT_S}s;
  client_body_temp_path ${site.dir}/body;
  proxy_temp_path ${site.dir}/proxy;
  fastcgi_temp_path ${site.dir}/fastcgi;
  uwsgi_temp_path ${site.dir}/uwsgi;
  scgi_temp_path ${site.dir}/scgi;

  map $http_upgrade $connection_upgrade {
    default upgrade;
    '' close;
  }
  map $http_upgrade $tickfire_not_socket {
    ~*^websocket$ 0;
    default 1;
  }

  # Loopback and --admin-allow: they reach the operators' endpoints and are not counted by
  # the per-address limits (the host's own bots and tests open hundreds of sockets). A
  # request with an empty key is not counted. Behind another proxy on this host every
  # player would come from loopback: give nginx that proxy's address with real_ip first.
  geo $tickfire_trusted {
    default 0;
${trusted.map((a) => `    ${a} 1;`).join("\n")}
  }
  map $tickfire_trusted $tickfire_client {
    1 "";
    default $binary_remote_addr;
  }
  limit_req_zone $tickfire_client zone=tickfire_matchmake:10m rate=${MATCHMAKE_RATE_PER_S}r/s;
  limit_conn_zone $tickfire_client zone=tickfire_conns:10m;
  # 429, not 503: the client reads a 503 from matchmaking as "the server is full"
  limit_req_status 429;
  limit_conn_status 429;
  # below error_log's level: a flood would otherwise write one line per refused request
  limit_req_log_level info;
  limit_conn_log_level info;

  upstream tickfire_any {
    # A stuck process holds every request sent to it: while the others answer quickly, the
    # fewest requests in progress steers new ones away from it.
    least_conn;
    zone tickfire_any 64k;
${upstream}
    keepalive 32;
  }

  server {
    listen ${site.listen}${site.tls ? " ssl" : ""};
${tls}    limit_conn tickfire_conns ${CONNECTIONS_PER_IP};
    root ${site.clientDir};

    # The client as the single process serves it (server/http/static-files.ts): the build's
    # .gz copies (Debian's nginx has gzip_static, not brotli), index.html revalidated on
    # every visit, hashed build output cached for a year (a new build gives new names).
    location / {
      gzip_static on;
      gzip_vary on;
      add_header Cache-Control "no-cache" always;
      try_files $uri /index.html;
    }

    location /assets/ {
      gzip_static on;
      gzip_vary on;
      add_header Cache-Control "public, max-age=31536000, immutable" always;
      try_files $uri =404;
    }

    # seat reservations: any live process can answer (rooms are shared through Redis)
    location /matchmake/ {
      limit_req zone=tickfire_matchmake burst=${MATCHMAKE_BURST} nodelay;
      client_max_body_size ${MATCHMAKE_MAX_BODY};
      proxy_pass http://tickfire_any;
${proxyHeaders("      ")}
      proxy_set_header Connection "";
${matchmakeRetry}
      proxy_read_timeout ${MATCHMAKE_READ_TIMEOUT_S}s;
      proxy_send_timeout ${MATCHMAKE_READ_TIMEOUT_S}s;
    }

    # a load balancer's or a bot's "is the game up": any live process answers
    location = /healthz {
      limit_req zone=tickfire_matchmake burst=${MATCHMAKE_BURST} nodelay;
      proxy_pass http://tickfire_any;
${proxyHeaders("      ")}
      proxy_set_header Connection "";
${retry}
      proxy_read_timeout ${HEALTH_READ_TIMEOUT_S}s;
    }

    # one process's counters and the Colyseus monitor: operators only
    location ~ ^/(metrics|monitor)(/|$) {
${adminOnly(trusted, "      ")}
      proxy_pass http://tickfire_any;
${proxyHeaders("      ")}
      proxy_set_header Connection "";
      proxy_connect_timeout ${UPSTREAM_CONNECT_TIMEOUT_S}s;
      proxy_read_timeout ${ADMIN_READ_TIMEOUT_S}s;
    }

${perProcess}
  }
}
`;
}
