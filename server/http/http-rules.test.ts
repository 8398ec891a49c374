import { PassThrough } from "node:stream";
import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { BodyCounter, declaredBody, readBoundedBody } from "./body.ts";
import { resolveClientIp } from "./client-ip.ts";
import { inList, limitKey, normalizeIp, parseAddressList, parseIp } from "./ip.ts";
import { DEV_ORIGINS, originAllowed, parseOriginList } from "./origin.ts";
import { parseHeaderName } from "./settings.ts";

describe("IP addresses and CIDR lists", () => {
  it("parses both families to one canonical text; IPv4-mapped IPv6 is IPv4", () => {
    expect(normalizeIp("127.0.0.1")).toBe("127.0.0.1");
    expect(normalizeIp("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(normalizeIp("::FFFF:7f00:1")).toBe("127.0.0.1");
    expect(normalizeIp("::1")).toBe("0:0:0:0:0:0:0:1");
    expect(normalizeIp("[2001:db8::1]")).toBe("2001:db8:0:0:0:0:0:1");
    expect(normalizeIp("fe80::1%eth0")).toBe("fe80:0:0:0:0:0:0:1");
    for (const bad of ["", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1::2::3", "12345::", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7::8:9", "localhost", "1.2.3.4/8"]) {
      expect(parseIp(bad), bad).toBeNull();
    }
  });

  it("matches addresses against blocks, across the mapped form", () => {
    const loopback = parseAddressList("127.0.0.0/8, ::1");
    expect(inList("127.0.0.1", loopback)).toBe(true);
    expect(inList("127.255.0.9", loopback)).toBe(true);
    expect(inList("::ffff:127.0.0.1", loopback)).toBe(true);
    expect(inList("::1", loopback)).toBe(true);
    expect(inList("128.0.0.1", loopback)).toBe(false);
    expect(inList("::2", loopback)).toBe(false);
    expect(inList(undefined, loopback)).toBe(false);
    expect(inList("garbage", loopback)).toBe(false);

    const one = parseAddressList("127.0.0.1/32");
    expect(inList("127.0.0.1", one)).toBe(true);
    expect(inList("127.0.0.2", one)).toBe(false);

    const mixed = parseAddressList("10.0.0.0/8,192.168.1.0/24,fd00::/8,::ffff:172.16.0.0/108");
    expect(inList("10.200.3.4", mixed)).toBe(true);
    expect(inList("192.168.1.77", mixed)).toBe(true);
    expect(inList("192.168.2.1", mixed)).toBe(false);
    expect(inList("fdab::1", mixed)).toBe(true);
    expect(inList("fe00::1", mixed)).toBe(false);
    expect(inList("172.16.5.5", mixed)).toBe(true); // a v4 block written in mapped v6
    expect(inList("172.32.0.1", mixed)).toBe(false);

    expect(inList("8.8.8.8", parseAddressList("0.0.0.0/0"))).toBe(true);
    expect(inList("2001:db8::1", parseAddressList("0.0.0.0/0"))).toBe(false);
    expect(parseAddressList("")).toEqual([]);
    expect(parseAddressList(" , ")).toEqual([]);
  });

  it("refuses bad entries, naming them", () => {
    expect(() => parseAddressList("10.0.0.0/33")).toThrow(/"10.0.0.0\/33" has a bad prefix length \(0 to 32\)/);
    expect(() => parseAddressList("::/129")).toThrow(/0 to 128/);
    expect(() => parseAddressList("127.0.0.1,nope")).toThrow(/"nope" is not an IP address/);
    expect(() => parseAddressList("1.2.3.4/8/9")).toThrow(/not an IP address/);
    expect(() => parseAddressList("1.2.3.4/")).toThrow(/bad prefix/);
  });

  it("counts IPv4 per address and IPv6 per /64", () => {
    expect(limitKey("::ffff:10.1.2.3")).toBe("10.1.2.3");
    expect(limitKey("2001:db8:1:2:aaaa::1")).toBe(limitKey("2001:db8:1:2:ffff::9"));
    expect(limitKey("2001:db8:1:2::1")).not.toBe(limitKey("2001:db8:1:3::1"));
  });
});

describe("the client-address header is believed from trusted proxies only", () => {
  const rule = { header: "x-real-ip", trustedProxies: parseAddressList("127.0.0.1,::1,10.0.0.0/8") };

  it("a trusted peer's header names the client", () => {
    expect(resolveClientIp("127.0.0.1", { "x-real-ip": "203.0.113.9" }, rule)).toBe("203.0.113.9");
    expect(resolveClientIp("::ffff:127.0.0.1", { "x-real-ip": "203.0.113.9" }, rule)).toBe("203.0.113.9");
    expect(resolveClientIp("10.9.9.9", { "x-real-ip": "::ffff:198.51.100.1" }, rule)).toBe("198.51.100.1");
    // a list header: the last entry is the one the proxy added
    expect(resolveClientIp("127.0.0.1", { "x-real-ip": "6.6.6.6, 203.0.113.9" }, rule)).toBe("203.0.113.9");
  });

  it("anyone else's header is ignored: the socket's address counts", () => {
    expect(resolveClientIp("198.51.100.7", { "x-real-ip": "127.0.0.1" }, rule)).toBe("198.51.100.7");
    expect(resolveClientIp("::ffff:127.0.0.2", { "x-real-ip": "1.1.1.1" }, rule)).toBe("127.0.0.2");
  });

  it("no header setting, no header, or a value that is no address: the peer", () => {
    expect(resolveClientIp("127.0.0.1", { "x-real-ip": "203.0.113.9" }, { trustedProxies: rule.trustedProxies })).toBe("127.0.0.1");
    expect(resolveClientIp("127.0.0.1", {}, rule)).toBe("127.0.0.1");
    expect(resolveClientIp("127.0.0.1", { "x-real-ip": "<script>" }, rule)).toBe("127.0.0.1");
    expect(resolveClientIp(undefined, { "x-real-ip": "203.0.113.9" }, rule)).toBe("unknown");
  });

  it("header names are tokens, kept lower-case", () => {
    expect(parseHeaderName("X-Real-IP")).toBe("x-real-ip");
    expect(() => parseHeaderName("X Real IP")).toThrow(/not a header name/);
    expect(() => parseHeaderName("")).toThrow();
  });
});

describe("the origin rule", () => {
  const dev = parseOriginList(DEV_ORIGINS);

  it("no Origin (a program, not a page) passes", () => {
    expect(originAllowed(undefined, "game.example.com", parseOriginList(""))).toBe(true);
  });

  it("the server's own origin passes: same host as the Host header", () => {
    const none = parseOriginList("");
    expect(originAllowed("https://game.example.com", "game.example.com", none)).toBe(true);
    expect(originAllowed("http://game.example.com:2567", "game.example.com:2567", none)).toBe(true);
    expect(originAllowed("https://game.example.com", "game.example.com:443", none)).toBe(true);
    expect(originAllowed("http://[::1]:2567", "[::1]:2567", none)).toBe(true);
    // a proxy forwarding $host drops the port: the hostname decides
    expect(originAllowed("https://127.0.0.1:2567", "127.0.0.1", none)).toBe(true);
    expect(originAllowed("http://game.example.com:8080", "game.example.com:2567", none)).toBe(false);
    expect(originAllowed("https://evil.example", "game.example.com", none)).toBe(false);
    expect(originAllowed("https://game.example.com.evil.example", "game.example.com", none)).toBe(false);
    expect(originAllowed("https://evil.example", undefined, none)).toBe(false);
  });

  it("by default, pages on localhost and 127.0.0.1 (any port, http) pass for development", () => {
    expect(originAllowed("http://localhost:5173", "127.0.0.1:2567", dev)).toBe(true);
    expect(originAllowed("http://127.0.0.1:40123", "localhost:2567", dev)).toBe(true);
    expect(originAllowed("http://localhost", "game.example.com", dev)).toBe(true);
    expect(originAllowed("https://localhost:5173", "game.example.com", dev)).toBe(false);
    expect(originAllowed("http://localhost.evil.example:5173", "game.example.com", dev)).toBe(false);
    expect(originAllowed("null", "game.example.com", dev)).toBe(false);
    expect(originAllowed("file://", "game.example.com", dev)).toBe(false);
  });

  it("a configured list: exact origins, default ports, :* and *", () => {
    const list = parseOriginList("https://play.example.com, http://lan.example:8080, https://beta.example:*");
    expect(originAllowed("https://play.example.com", "api.example.com", list)).toBe(true);
    expect(originAllowed("https://play.example.com:443", "api.example.com", list)).toBe(true);
    expect(originAllowed("https://play.example.com:8443", "api.example.com", list)).toBe(false);
    expect(originAllowed("http://play.example.com", "api.example.com", list)).toBe(false);
    expect(originAllowed("http://lan.example:8080", "api.example.com", list)).toBe(true);
    expect(originAllowed("https://beta.example:9999", "api.example.com", list)).toBe(true);
    expect(originAllowed("http://localhost:5173", "api.example.com", list)).toBe(false); // the dev default is replaced
    expect(originAllowed("https://anything.example", "api.example.com", parseOriginList("*"))).toBe(true);
  });

  it("refuses entries that are not origins", () => {
    for (const bad of ["game.example.com", "ftp://x.example", "https://x.example/path", "https://x.example/", "https://x.example?q", "https://u@x.example"]) {
      expect(() => parseOriginList(bad), bad).toThrow(/is not an origin/);
    }
  });
});

describe("request bodies", () => {
  it("the declared length decides up front; chunked bodies are counted as they stream", () => {
    expect(declaredBody({}, 4096)).toBe("none");
    expect(declaredBody({ "content-length": "0" }, 4096)).toBe("none");
    expect(declaredBody({ "content-length": "4096" }, 4096)).toBe("within");
    expect(declaredBody({ "content-length": "4097" }, 4096)).toBe("over");
    expect(declaredBody({ "transfer-encoding": "chunked" }, 4096)).toBe("streamed");
    const counter = new BodyCounter(10);
    expect(counter.add(6)).toBe(true);
    expect(counter.add(4)).toBe(true);
    expect(counter.add(1)).toBe(false);
    expect(counter.total).toBe(11);
  });

  it("readBoundedBody stops at the bound without buffering the rest", async () => {
    const within = new PassThrough();
    const read1 = readBoundedBody(within as unknown as IncomingMessage, 8);
    within.write("abcd");
    within.end("efgh");
    expect(await read1).toEqual({ ok: true, body: Buffer.from("abcdefgh") });

    const over = new PassThrough();
    const read2 = readBoundedBody(over as unknown as IncomingMessage, 8);
    over.write("abcdefgh");
    over.write("i");
    expect(await read2).toEqual({ ok: false, reason: "over" });

    const gone = new PassThrough();
    const read3 = readBoundedBody(gone as unknown as IncomingMessage, 8);
    gone.write("ab");
    gone.destroy();
    expect(await read3).toEqual({ ok: false, reason: "aborted" });
  });
});
