import { describe, expect, it } from "vitest";
import { CONNECTIONS_PER_IP, MATCHMAKE_BURST, MATCHMAKE_RATE_PER_S, renderNginxConf } from "./nginx-conf.ts";
import { UsageError } from "../../shared/cli.ts";
import { clusterServerFlags, parseClusterArgs } from "./options.ts";
import { RESTART_STABLE_MS, nextStreak, restartDelayMs } from "./supervisor.ts";

describe("npm run cluster options", () => {
  it("defaults, env, and flags passed through to every server process", () => {
    expect(parseClusterArgs([], {})).toMatchObject({ procs: 2, port: 2567, host: "0.0.0.0", tls: false, publicHost: "127.0.0.1:2567", serverArgs: [] });
    expect(parseClusterArgs(["--procs", "3", "--max-rooms", "8", "--tls", "--tick-hz=20"], { PORT: "8080", REDIS_URL: "redis://r:6379" })).toMatchObject({
      procs: 3,
      port: 8080,
      tls: true,
      redisUrl: "redis://r:6379",
      publicHost: "127.0.0.1:8080",
      serverArgs: ["--max-rooms", "8", "--tick-hz=20"],
    });
    expect(parseClusterArgs(["--host", "10.0.0.5", "--port", "9000"], {})).toMatchObject({ publicHost: "10.0.0.5:9000" });
    expect(parseClusterArgs(["--public-host", "game.example.com"], {})).toMatchObject({ publicHost: "game.example.com" });
    expect(parseClusterArgs(["--help"], {})).toBe("help");
  });

  it("--admin-allow / ADMIN_ALLOW: addresses and CIDR blocks, repeated or comma-separated", () => {
    expect(parseClusterArgs([], {})).toMatchObject({ adminAllow: [] });
    expect(parseClusterArgs(["--admin-allow", "10.0.0.0/8", "--admin-allow=192.0.2.7,fd00::/8"], {})).toMatchObject({ adminAllow: ["10.0.0.0/8", "192.0.2.7", "fd00::/8"], serverArgs: [] });
    expect(parseClusterArgs([], { ADMIN_ALLOW: "10.1.2.0/24" })).toMatchObject({ adminAllow: ["10.1.2.0/24"] });
    // anything else could break out of the nginx config line it is written into
    for (const bad of ["10.0.0.0/33", "all", "10.0.0.1; allow all", "10.0.0.0/8/1", "::1/129"]) {
      expect(() => parseClusterArgs(["--admin-allow", bad], {}), bad).toThrow(/--admin-allow must be an address or a CIDR block/);
    }
    expect(() => parseClusterArgs([], { ADMIN_ALLOW: "x" })).toThrow(/ADMIN_ALLOW must be/);
  });

  it("every process reads the client's address from nginx's X-Real-IP and treats --admin-allow as nginx does", () => {
    expect(clusterServerFlags({ adminAllow: [], serverArgs: [] })).toEqual(["--client-ip-header", "X-Real-IP"]);
    expect(clusterServerFlags({ adminAllow: ["10.0.0.0/8"], serverArgs: [] })).toEqual([
      "--client-ip-header", "X-Real-IP",
      "--metrics-allow", "127.0.0.0/8,::1,10.0.0.0/8",
      "--limit-exempt", "127.0.0.1,::1,10.0.0.0/8",
    ]);
    // the user's own flags for the processes win
    expect(clusterServerFlags({ adminAllow: ["10.0.0.0/8"], serverArgs: ["--metrics-allow=10.1.1.1", "--client-ip-header", "X-Client"] })).toEqual(["--limit-exempt", "127.0.0.1,::1,10.0.0.0/8"]);
  });

  it("bad values are usage errors naming the setting", () => {
    expect(() => parseClusterArgs(["--procs", "0"], {})).toThrow(/--procs must be a whole number from 1 to 16/);
    expect(() => parseClusterArgs([], { PORT: "http" })).toThrow(/PORT must be a whole number/);
    expect(() => parseClusterArgs(["--public-host", "https://x/y"], {})).toThrow(UsageError);
  });
});

describe("the nginx config", () => {
  const site = { dir: "/tmp/c", listen: "127.0.0.1:8080", clientDir: "/srv/dist", mimeTypes: "/etc/nginx/mime.types", ports: [4001, 4002] };

  it("sends matchmaking to any process and /pN/ to process N, with WebSocket upgrades", () => {
    const conf = renderNginxConf(site);
    expect(conf).toContain("server 127.0.0.1:4001 max_fails=1 fail_timeout=5s;\n    server 127.0.0.1:4002 max_fails=1 fail_timeout=5s;");
    expect(block(conf, "location /matchmake/")).toContain("proxy_pass http://tickfire_any;");
    expect(block(conf, "location /")).toMatch(/gzip_static on;[\s\S]*Cache-Control "no-cache"/);
    expect(block(conf, "location /assets/")).toMatch(/gzip_static on;[\s\S]*gzip_vary on;[\s\S]*max-age=31536000, immutable/);
    expect(block(conf, "location ~ ^/p1/[^/]+/[^/]+$")).toContain("proxy_pass http://127.0.0.1:4001;");
    expect(block(conf, "location ~ ^/p2/[^/]+/[^/]+$")).toContain("proxy_pass http://127.0.0.1:4002;");
    expect(block(conf, "location ~ ^/p2/[^/]+/[^/]+$")).toContain("rewrite ^/p2(/.*)$ $1 break;");
    expect(block(conf, "location ~ ^/p1/[^/]+/[^/]+$")).toContain("proxy_set_header Upgrade $http_upgrade;");
    expect(conf).toContain("root /srv/dist;");
    expect(conf).toContain("listen 127.0.0.1:8080;");
    expect(conf).not.toContain("ssl");
  });

  it("speaks TLS with the given certificate", () => {
    const conf = renderNginxConf({ ...site, tls: { cert: "/tmp/c/cert.pem", key: "/tmp/c/key.pem" } });
    expect(conf).toContain("listen 127.0.0.1:8080 ssl;");
    expect(conf).toContain("ssl_certificate /tmp/c/cert.pem;");
    expect(conf).toContain("ssl_certificate_key /tmp/c/key.pem;");
  });

  it("a stuck process does not hold players: short matchmaking timeouts, safe retries, passive health", () => {
    const conf = renderNginxConf(site);
    const mm = block(conf, "location /matchmake/");
    expect(mm).toContain("proxy_connect_timeout 1s;");
    expect(mm).toContain("proxy_read_timeout 8s;");
    // a matchmaking POST a stuck process never answered is replayed on another process...
    expect(mm).toContain("proxy_next_upstream error timeout http_502 http_503 non_idempotent;");
    // ...and nothing else is (the operators' routes are not retried at all)
    expect(conf.match(/non_idempotent/g)).toHaveLength(1);
    expect(block(conf, "location = /healthz")).toContain("proxy_next_upstream error timeout http_502 http_503;");
    expect(mm).toMatch(/proxy_next_upstream_tries [1-9];/);
    expect(mm).toMatch(/proxy_next_upstream_timeout \d+s;/);
    expect(block(conf, "upstream tickfire_any")).toMatch(/least_conn;[\s\S]*server 127\.0\.0\.1:4001 max_fails=1 fail_timeout=5s;[\s\S]*keepalive 32;/);
    expect(block(conf, "location = /healthz")).toContain("proxy_read_timeout 2s;");
    // game sockets live long
    expect(block(conf, "location ~ ^/p1/[^/]+/[^/]+$")).toContain("proxy_read_timeout 1h;");
  });

  it("limits per client address, 429 when over, short client timeouts, the address sent to the processes", () => {
    const conf = renderNginxConf(site);
    expect(conf).toContain(`limit_req_zone $tickfire_client zone=tickfire_matchmake:10m rate=${MATCHMAKE_RATE_PER_S}r/s;`);
    expect(block(conf, "location /matchmake/")).toContain(`limit_req zone=tickfire_matchmake burst=${MATCHMAKE_BURST} nodelay;`);
    expect(block(conf, "location /matchmake/")).toContain("client_max_body_size 4k;");
    expect(conf).toContain("limit_req_status 429;");
    expect(conf).toContain("limit_conn_status 429;");
    expect(block(conf, "server")).toContain(`limit_conn tickfire_conns ${CONNECTIONS_PER_IP};`);
    expect(conf).toContain("server_tokens off;");
    expect(conf).toMatch(/client_header_timeout \ds;/);
    expect(conf).toMatch(/client_body_timeout \ds;/);
    // loopback is not counted (an empty key); everyone else by address
    expect(block(conf, "map $tickfire_trusted $tickfire_client")).toMatch(/1 "";\s+default \$binary_remote_addr;/);
    for (const at of ["location /matchmake/", "location = /healthz", "location ~ ^/p1/[^/]+/[^/]+$", "location /p2/"]) {
      expect(block(conf, at), at).toContain("proxy_set_header X-Real-IP $remote_addr;");
    }
  });

  it("per-process and operator endpoints answer loopback and --admin-allow only; sockets stay public", () => {
    const open = renderNginxConf(site);
    for (const at of ["location ~ ^/(metrics|monitor)(/|$)", "location /p1/", "location /p2/"]) {
      expect(block(open, at), at).toMatch(/allow 127\.0\.0\.1;\s+allow ::1;\s+deny all;/);
    }
    for (const at of ["location /matchmake/", "location = /healthz", "location ~ ^/p1/[^/]+/[^/]+$", "location /"]) {
      expect(block(open, at), at).not.toContain("deny all;");
    }
    // the socket route takes WebSocket upgrades only, so /p1/monitor/api cannot pass as one
    expect(block(open, "location ~ ^/p1/[^/]+/[^/]+$")).toMatch(/if \(\$tickfire_not_socket\) \{\s+return 404;/);
    const wider = renderNginxConf({ ...site, adminAllow: ["10.0.0.0/8"] });
    expect(block(wider, "location /p2/")).toMatch(/allow ::1;\s+allow 10\.0\.0\.0\/8;\s+deny all;/);
    expect(block(wider, "geo $tickfire_trusted")).toMatch(/127\.0\.0\.1 1;\s+::1 1;\s+10\.0\.0\.0\/8 1;/);
  });
});

describe("the supervisor's restart schedule", () => {
  it("doubles from 0.5 s up to 30 s", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map(restartDelayMs)).toEqual([500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
  });

  it("starts over after a run of a minute", () => {
    expect(nextStreak(0, 10)).toBe(1);
    expect(nextStreak(3, 2000)).toBe(4);
    expect(nextStreak(6, RESTART_STABLE_MS - 1)).toBe(7);
    expect(nextStreak(6, RESTART_STABLE_MS)).toBe(1);
    expect(restartDelayMs(nextStreak(6, RESTART_STABLE_MS))).toBe(500);
  });
});

/** The text of the first block opened by `head` (up to its matching brace), for checks within it. */
function block(conf: string, head: string): string {
  const start = conf.indexOf(`${head} {`);
  if (start < 0) throw new Error(`no block "${head}" in the config`);
  let depth = 0;
  for (let i = conf.indexOf("{", start); i < conf.length; i++) {
    if (conf[i] === "{") depth++;
    else if (conf[i] === "}" && --depth === 0) return conf.slice(start, i + 1);
  }
  throw new Error(`block "${head}" is not closed`);
}
