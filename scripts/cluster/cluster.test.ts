import { describe, expect, it } from "vitest";
import { renderNginxConf } from "./nginx-conf.ts";
import { UsageError, parseClusterArgs } from "./options.ts";

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

  it("bad values are usage errors naming the setting", () => {
    expect(() => parseClusterArgs(["--procs", "0"], {})).toThrow(/--procs must be between 1 and 16/);
    expect(() => parseClusterArgs([], { PORT: "http" })).toThrow(/PORT must be a whole number/);
    expect(() => parseClusterArgs(["--public-host", "https://x/y"], {})).toThrow(UsageError);
  });
});

describe("the nginx config", () => {
  const site = { dir: "/tmp/c", listen: "127.0.0.1:8080", clientDir: "/srv/dist", mimeTypes: "/etc/nginx/mime.types", ports: [4001, 4002] };

  it("sends matchmaking to any process and /pN/ to process N, with WebSocket upgrades", () => {
    const conf = renderNginxConf(site);
    expect(conf).toContain("server 127.0.0.1:4001 max_fails=1 fail_timeout=2s;\n    server 127.0.0.1:4002");
    expect(conf).toMatch(/location \/matchmake\/ \{\s+proxy_pass http:\/\/tickfire_any;/);
    expect(conf).toMatch(/location \/p1\/ \{\s+proxy_pass http:\/\/127\.0\.0\.1:4001\/;/);
    expect(conf).toMatch(/location \/p2\/ \{\s+proxy_pass http:\/\/127\.0\.0\.1:4002\/;/);
    expect(conf).toContain("proxy_set_header Upgrade $http_upgrade;");
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
});
