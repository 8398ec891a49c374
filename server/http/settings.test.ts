import { describe, expect, it } from "vitest";
import { UsageError } from "../../shared/cli.ts";
import { SERVER_CLI, parseConfig } from "../config.ts";
import { inList } from "./ip.ts";
import { originAllowed } from "./origin.ts";
import { MATCHMAKE_PER_IP, MAX_CONNECTIONS, MAX_CONNS_PER_IP } from "../../shared/constants.ts";

function config(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const c = parseConfig(argv, env);
  if (c === "help") throw new Error("help");
  return c;
}

describe("HTTP settings in the server config", () => {
  it("defaults: no client-IP header, loopback proxies and metrics, dev origins, the constants", () => {
    const c = config([]);
    expect(c.clientIpHeader).toBeUndefined();
    expect(inList("127.0.0.1", c.trustedProxies)).toBe(true);
    expect(inList("127.0.0.2", c.trustedProxies)).toBe(false);
    expect(inList("127.0.0.2", c.metricsAllow)).toBe(true);
    expect(inList("::1", c.metricsAllow)).toBe(true);
    expect(inList("10.0.0.1", c.metricsAllow)).toBe(false);
    expect(inList("127.0.0.1", c.limitExempt)).toBe(true);
    expect(inList("127.0.0.2", c.limitExempt)).toBe(false);
    expect(originAllowed("http://localhost:5173", "x.example", c.allowedOrigins)).toBe(true);
    expect(c).toMatchObject({ maxConnections: MAX_CONNECTIONS, maxConnsPerIp: MAX_CONNS_PER_IP, matchmakePerIp: MATCHMAKE_PER_IP });
  });

  it("flags and env vars, flags winning; an empty list is empty", () => {
    const c = config(["--client-ip-header", "X-Real-IP", "--metrics-allow", "10.0.0.0/8", "--matchmake-per-ip", "5"], {
      TRUSTED_PROXIES: "10.1.1.1",
      METRICS_ALLOW: "127.0.0.1/32",
      ALLOWED_ORIGINS: "https://play.example.com",
      LIMIT_EXEMPT: "",
      MAX_CONNS_PER_IP: "8",
    });
    expect(c.clientIpHeader).toBe("x-real-ip");
    expect(inList("10.1.1.1", c.trustedProxies)).toBe(true);
    expect(inList("127.0.0.1", c.trustedProxies)).toBe(false);
    expect(inList("10.2.3.4", c.metricsAllow)).toBe(true);
    expect(inList("127.0.0.1", c.metricsAllow)).toBe(false);
    expect(c.limitExempt).toEqual([]);
    expect(originAllowed("https://play.example.com", "x.example", c.allowedOrigins)).toBe(true);
    expect(originAllowed("http://localhost:5173", "x.example", c.allowedOrigins)).toBe(false);
    expect(c).toMatchObject({ matchmakePerIp: 5, maxConnsPerIp: 8 });
  });

  it("bad values are UsageErrors naming the setting", () => {
    expect(() => config(["--trusted-proxies", "10.0.0.0/40"])).toThrow(UsageError);
    expect(() => config(["--trusted-proxies", "10.0.0.0/40"])).toThrow(/--trusted-proxies: "10.0.0.0\/40" has a bad prefix length/);
    expect(() => config([], { METRICS_ALLOW: "everyone" })).toThrow(/METRICS_ALLOW: "everyone" is not an IP address/);
    expect(() => config([], { ALLOWED_ORIGINS: "play.example.com" })).toThrow(/ALLOWED_ORIGINS: "play.example.com" is not an origin/);
    expect(() => config(["--client-ip-header", "X Real"])).toThrow(/--client-ip-header: "X Real" is not a header name/);
    expect(() => config([], { MAX_CONNS_PER_IP: "0" })).toThrow(/MAX_CONNS_PER_IP must be a whole number from 1 to/);
    expect(() => config(["--max-connections", "many"])).toThrow(/--max-connections must be a whole number/);
  });

  it("the help lists every HTTP setting", () => {
    for (const flag of ["--client-ip-header", "--trusted-proxies", "--allowed-origins", "--metrics-allow", "--limit-exempt", "--max-connections", "--max-conns-per-ip", "--matchmake-per-ip"]) {
      expect(SERVER_CLI.help).toContain(flag);
    }
  });
});
