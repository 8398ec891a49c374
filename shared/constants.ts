/**
 * Every tuning number in Tickfire, with its unit and the reason for its value.
 * Server defaults that hosts may override (round length, kill limit, tick rate...)
 * are read by server/config.ts; these are the defaults.
 */

// ── Time ────────────────────────────────────────────────────────────────────
/** Hz. Fixed simulation rate; one client input drives one step. 30 Hz keeps a 33 ms
 *  input-to-state loop while halving messages per player against 60 Hz (the CPU floor is
 *  set by message count, see docs/performance.md). */
export const TICK_HZ = 30;
/** steps. A state patch is broadcast every N fixed steps (1 = every tick), at the end of
 *  the step so a patch never carries a stale step. */
export const PATCH_EVERY_TICKS = 1;
/** ms. How far in the past remote players are drawn at first: about two patch intervals plus
 *  jitter, and Colyseus' Predict default; the client then adapts it (client/net/interp.ts). */
export const INTERP_DELAY_MS = 100;
/** ms. Bounds of the adapted interpolation delay: below 50 a single late patch shows;
 *  above 250 remote players (and the lag-compensation rewind) are too far in the past. */
export const INTERP_DELAY_MIN_MS = 50;
export const INTERP_DELAY_MAX_MS = 250;
/** patch intervals. The adapted delay covers two: one to bracket the render time, one for
 *  Colyseus' catch-up double step (two patches in one timer pass, see docs/performance.md). */
export const INTERP_PATCH_SPAN = 2;
/** multiples of the SDK's RFC 3550 jitter estimate (a mean deviation) added on top. */
export const INTERP_JITTER_SPAN = 3;
/** ms between delay adjustments; each moves at most INTERP_STEP_UP_MS up or
 *  INTERP_STEP_DOWN_MS down, so the render time never jumps visibly. */
export const INTERP_ADAPT_EVERY_MS = 250;
export const INTERP_STEP_UP_MS = 10;
export const INTERP_STEP_DOWN_MS = 2;

// ── World ───────────────────────────────────────────────────────────────────
/** world units. Arena size; larger than any screen so the camera must follow. */
export const WORLD_WIDTH = 2000;
export const WORLD_HEIGHT = 2000;
/** world units. Wire resolution of positions. The step snaps every position to this
 *  grid, and the 16-bit quantized schema field carries it exactly, so a client replaying
 *  the same inputs gets bit-identical positions. */
export const POSITION_STEP = 1 / 8;
/** world units. Largest coordinate a 16-bit field at POSITION_STEP can carry. */
export const POSITION_MAX = 65535 * POSITION_STEP;

// ── Players ─────────────────────────────────────────────────────────────────
/** world units. Player circle radius: about 1/40 of the arena width. */
export const PLAYER_RADIUS = 18;
/** world units / s. Crosses the arena in about 8 s. */
export const PLAYER_SPEED = 240;
/** hit points. */
export const MAX_HP = 100;
/** s. Time dead before respawning. */
export const RESPAWN_SECONDS = 2;
/** s. Spawn protection: long enough to get out of a spawn camper's sight. */
export const SPAWN_SHIELD_SECONDS = 1.5;

// ── Weapons ─────────────────────────────────────────────────────────────────
/** Every weapon, one row each. The sim reads the row of a player's weapon, so a second
 *  weapon is a row here plus its sprite. */
export const WEAPONS = {
  blaster: {
    /** world units / s. Fast enough to need leading only at long range. */
    speed: 900,
    /** world units from the shooter's centre, unless a wall comes first: about one screen,
     *  so snipers cannot cover the map. */
    range: 900,
    /** world units. A shot touches a player at PLAYER_RADIUS + this: a near miss is a miss. */
    radius: 4,
    /** world units from the shooter's centre where a shot starts: just outside its circle. */
    muzzle: PLAYER_RADIUS + 6,
    /** hit points per hit: five hits kill from full health. */
    damage: 20,
    /** s until the next shot, counted down by one step's dt per applied command, so it
     *  rounds up to whole steps: 8 at 30 Hz, a shot every 266.7 ms, 3.75 shots/s. */
    cooldown: 0.25,
  },
} as const;
export type WeaponId = keyof typeof WEAPONS;
export type Weapon = (typeof WEAPONS)[WeaponId];
/** The weapon every player carries (there is one). */
export const PLAYER_WEAPON: WeaponId = "blaster";

// ── Rounds ──────────────────────────────────────────────────────────────────
/** s. Round length (server flag --round-seconds). */
export const ROUND_SECONDS = 180;
/** kills. First to this many ends the round (server flag --kill-limit). */
export const KILL_LIMIT = 15;
/** s. Results screen between rounds (server flag --results-seconds). */
export const RESULTS_SECONDS = 8;

// ── Rooms ───────────────────────────────────────────────────────────────────
/** TCP port. The server's default for HTTP, WebSocket and the built client (--port / PORT);
 *  the Vite dev client and every tool's default URL point at it, so one number moves them all. */
export const SERVER_PORT = 2567;
/** The Colyseus room name clients join. */
export const ROOM_NAME = "arena";
/** The Colyseus LobbyRoom that lists public arenas live. */
export const LOBBY_ROOM_NAME = "lobby";
/** colours. Player colours the server deals in join order, as PlayerState.color. */
export const PLAYER_COLOR_COUNT = 8;
/** players. Default room capacity (server flag --max-players). */
export const MAX_PLAYERS = 16;
/** players. Default cap on players in all rooms of one process (--max-clients): one process
 *  uses one core; the 2026-11-22 bench (docs/performance.md) measured 7 steps started over
 *  a tick late in 15 s at 256 fighting players and 414 at 512: 512 is for capacity, and a
 *  host who wants every step on time on such a machine sets 256. */
export const MAX_CLIENTS_PER_PROCESS = 512;
/** rooms. Default cap on arena rooms per process (--max-rooms): full 16-player rooms at
 *  the client cap, plus room for half-empty ones. */
export const MAX_ROOMS_PER_PROCESS = 64;
/**
 * ms between a cluster process's checks for dead peers. A SIGKILLed process's rooms leave the
 * shared room list this long plus Colyseus' IPC health-check timeout (2 s) after it dies.
 * A check is one PUBSUB CHANNELS and one HGETALL on Redis: cheap at 4 Hz per process.
 */
export const DEAD_PROCESS_SWEEP_MS = 250;
/** characters. Private room code length; alphabet has 31 symbols, so ~28 M codes. */
export const ROOM_CODE_LENGTH = 5;
/** PlayerState.slot value naming no one: a shot whose shooter has left the room. */
export const NO_SLOT = 255;
/** s. A dropped socket keeps its seat (its player out of play, standing where it was, with
 *  its score) this long, so the SDK's automatic reconnection can resume the same session
 *  after a network blip or a phone switching networks. */
export const RECONNECT_SECONDS = 20;
/** ms. Lag compensation bound: a shot is tested against the targets as its shooter saw
 *  them, at most this long ago. Covers 100 ms of interpolation plus about 150 ms of one-way
 *  latency; a claim older than this is clamped, so a very laggy shooter cannot reach far
 *  into the past and a target behind cover is safe within a quarter second. 0 = off. */
export const MAX_REWIND_MS = 250;
/** Characters a room code is made of: no 0/O, 1/I/L, so codes can be read aloud. */
export const ROOM_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/** ms. How often a room sends its clients its own step times (Msg.serverStats) for the net
 *  graph: a few dozen bytes each time, so the cost is nil, and the quantiles cover 5 s, so
 *  a faster rate would repeat mostly the same steps. */
export const SERVER_STATS_EVERY_MS = 2000;

// ── Names and chat ──────────────────────────────────────────────────────────
/** characters. Player name length bounds. */
export const NAME_MIN = 1;
export const NAME_MAX = 16;
/** characters. Longest raw name accepted in join options, before sanitising: room for
 *  control characters and spaces that sanitising removes, but no megabyte names. */
export const NAME_RAW_MAX = NAME_MAX * 4;
/** characters. Longest chat message. */
export const CHAT_MAX = 200;
/** messages per CHAT_WINDOW_SECONDS. Chat rate limit per player. */
export const CHAT_BURST = 5;
/** s. Window of the chat rate limit. */
export const CHAT_WINDOW_SECONDS = 5;
/** ms. A player's rejected chat lines get one error line back at most this often, so a
 *  flood of bad lines cannot make the server write more than it reads. */
export const CHAT_ERROR_REPLY_EVERY_MS = 1000;
/** combining marks per base character, in names and chat. 2 keeps an accent pair, an Indic
 *  vowel sign plus nasal, a Thai vowel plus tone mark and the keycap emoji; it stops "Zalgo"
 *  stacks that paint over the lines above and below. The rare 3-mark clusters (Tibetan
 *  stacks, fully pointed Hebrew) lose their extra marks. Variation selectors are not counted. */
export const MARKS_PER_BASE_MAX = 2;

// ── Network limits ──────────────────────────────────────────────────────────
/** Frames per second a client may send, as a multiple of the room's tick rate: inputs come
 *  one per step, plus chat and pings; 3x covers a tab catching up after a stall. */
export const MESSAGE_RATE_PER_TICK = 3;
/** frames / s. Added to the tick-derived frame rate for chat, pings and the join handshake. */
export const MESSAGE_RATE_EXTRA = 10;
/** frames / s a client may send at a tick rate: derived, never frozen at the default TICK_HZ. */
export function maxMessagesPerSecond(tickHz: number): number {
  return Math.ceil(tickHz * MESSAGE_RATE_PER_TICK) + MESSAGE_RATE_EXTRA;
}
/** inputs / s a client may send at a tick rate: the same 3x of one input per step. Counts
 *  every input slot, so one frame carrying many inputs cannot get round the frame limit. */
export function maxInputsPerSecond(tickHz: number): number {
  return Math.ceil(tickHz * MESSAGE_RATE_PER_TICK);
}
/** seconds. A client over a rate limit has its excess dropped; one that is over it in this
 *  many seconds of the last RATE_STRIKE_WINDOW_SECONDS is closed (CloseCode.tooManyMessages). */
export const RATE_STRIKES_TO_CLOSE = 3;
export const RATE_STRIKE_WINDOW_SECONDS = 10;
/** frames / s. The menu's room-list socket sends a filter once and a ping now and then. */
export const LOBBY_MAX_MESSAGES_PER_SECOND = 10;
/** inputs. Most input slots one unreliable input frame may carry; the SDK's redundancy ring
 *  sends 3 by default. Checked before the frame is decoded. */
export const MAX_INPUT_SLOTS_PER_FRAME = 8;
/** bytes. Largest input frame: an InputCommand is under 20 bytes, stamps under 16. */
export const MAX_INPUT_FRAME_BYTES = 256;
/** frames. Malformed frames (bad input framing, undecodable payloads) a client may send
 *  before it is closed with CloseCode.malformedInput; an honest SDK never sends one. */
export const MALFORMED_FRAMES_TO_CLOSE = 5;
/** ms. An unknown message type is answered with one fixed line at most this often. */
export const UNKNOWN_REPLY_EVERY_MS = 5000;
/** bytes. Unsent data the server holds for one client before closing it
 *  (CloseCode.slowConsumer): about a minute of patches for a 16-player room, far more than
 *  any honest client lags behind, and small enough that hundreds of stalled sockets cost
 *  little memory. */
export const MAX_SEND_BACKLOG_BYTES = 256 * 1024;
/** ms. How often the server checks every socket's unsent backlog. */
export const SEND_BACKLOG_CHECK_MS = 250;
/** ms. After the slow-consumer close is queued, a socket that still does not read is cut
 *  this long later, so its buffers are freed even if it never takes the close frame. */
export const SLOW_CONSUMER_GRACE_MS = 2000;
/** s. A process whose event loop has not turned for this long is ended by its watchdog
 *  thread (non-zero exit) so a supervisor restarts it (--watchdog-seconds, 0 = off). */
export const WATCHDOG_SECONDS = 10;
/** ms. An event loop that stalled this long in the last HEALTH_STALL_WINDOW_MS makes
 *  /healthz answer 503, so a load balancer backs off a process that just stalled. */
export const HEALTH_STALL_MS = 1000;
export const HEALTH_STALL_WINDOW_MS = 10_000;
/** s. A reserved seat not claimed by a WebSocket within this long is freed: a matchmaking
 *  flood's seats come back quickly, and an honest client connects within a second. */
export const SEAT_RESERVATION_SECONDS = 5;
/** bytes. Largest WebSocket message the server accepts; a chat line or an input is far
 *  smaller, so anything bigger is an attack or a bug and the socket is closed. */
export const MAX_PAYLOAD_BYTES = 16 * 1024;
/** inputs. Per-client input queue on the server; the oldest drops when full. 8 inputs is
 *  about 270 ms of backlog, more would just be stale lag. */
export const INPUT_BUFFER_SIZE = 8;
/** inputs. Each tick grants one input credit per player, banked up to this many: a client
 *  that stalled (a slow frame, a background tab) and then sends its backlog in a burst has
 *  the credits to catch up at once, so no lag is left queued; but no client can apply more
 *  inputs than ticks have passed, plus this allowance, so sending faster than TICK_HZ
 *  cannot make anyone move faster (a speed hack). Equal to the buffer: a full buffer drains. */
export const INPUT_CREDIT_MAX = INPUT_BUFFER_SIZE;

// ── Client feel ─────────────────────────────────────────────────────────────
/** world units. A prediction correction (or a jump of the local player between frames)
 *  bigger than 12 steps of running is a respawn teleport: cut to it, never glide. */
export const TELEPORT_DIST = (PLAYER_SPEED / TICK_HZ) * 12;

// ── Net graph (F3) ──────────────────────────────────────────────────────────
/** ms. Its rates (patches/s, bytes/s, corrections/s) are averaged over this window: one
 *  second holds 30 patches, enough to read steadily, short enough that a hitch shows. */
export const NET_GRAPH_WINDOW_MS = 1000;
/** ms between refreshes of its numbers: 4 a second can be read, and every change of a
 *  Phaser Text redraws its texture, so refreshing every frame would cost for nothing. */
export const NET_GRAPH_REFRESH_MS = 250;
/** refreshes. Length of its RTT sparkline: 60 refreshes are the last 15 s. */
export const NET_GRAPH_HISTORY = 60;

// ── HTTP limits ─────────────────────────────────────────────────────────────
// Enforced by server/http/ in front of Colyseus and express. "Client IP" is the socket's
// address, or the --client-ip-header value when the peer is a --trusted-proxies address;
// IPv6 clients are limited per /64 (IPV6_LIMIT_PREFIX). Addresses in --limit-exempt
// (default 127.0.0.1 and ::1: this machine's own bots, bench and local proxy) skip the
// matchmaking rate, the failed-code bound and the per-IP connection cap (not the monitor's
// login bound); other loopback addresses (127.0.0.2...) are limited like strangers, which
// is how the tests play attackers (Linux loopback answers all of 127.0.0.0/8).
/** bytes. Largest HTTP request body: a matchmaking request is a name and a few options,
 *  under 200 bytes; past this the request gets 413 and its connection is closed. */
export const MAX_HTTP_BODY_BYTES = 4 * 1024;
/** ms. After a 413 the connection stays this long, its further bytes read and dropped,
 *  then is cut: closing at once would reset it with the answer still unread (a client
 *  still sending sees ECONNRESET instead of 413). Nothing read is kept. */
export const HTTP_BODY_LINGER_MS = 1000;
/** requests per MATCHMAKE_WINDOW_SECONDS per client IP (default of --matchmake-per-ip).
 *  Every POST /matchmake/... counts. A player makes one per join, so 20 lets a LAN party
 *  behind one NAT all press Quick play at once; a flood from one address holds at most
 *  this many seats per window (each freed after SEAT_RESERVATION_SECONDS if unclaimed). */
export const MATCHMAKE_PER_IP = 20;
/** s. Fixed window of the matchmaking rate; a refused client gets 429 and Retry-After. */
export const MATCHMAKE_WINDOW_SECONDS = 10;
/** joins. Private-code joins (POST /matchmake/joinById/<code>) per client IP that may fail
 *  in CODE_GUESS_WINDOW_SECONDS; a join in flight counts until it succeeds. Codes are 5 of
 *  31 characters (28.6 M), so 10 a minute makes guessing hopeless; a player mistyping a
 *  code a few times never reaches it. */
export const CODE_GUESS_FAILURES = 10;
/** s. Window of the failed-code count. */
export const CODE_GUESS_WINDOW_SECONDS = 60;
/** s. Past the bound, every joinById from that IP gets 429 (with Retry-After) this long. */
export const CODE_GUESS_BLOCK_SECONDS = 300;
/** logins. Failed /monitor logins (requests carrying wrong credentials) per client IP in
 *  MONITOR_AUTH_WINDOW_SECONDS; then 429 for MONITOR_AUTH_BLOCK_SECONDS, right password or
 *  not, so a brute force learns nothing while blocked. */
export const MONITOR_AUTH_FAILURES = 5;
export const MONITOR_AUTH_WINDOW_SECONDS = 60;
export const MONITOR_AUTH_BLOCK_SECONDS = 900;
/** connections. Open TCP connections (HTTP and WebSocket) one client address may hold
 *  (default of --max-conns-per-ip). A browser holds one WebSocket and up to 6 HTTP
 *  connections; 64 covers a few players behind one NAT. Past it the socket is destroyed at
 *  once. Counted on the direct peer, so a trusted proxy's own connections are not capped:
 *  the proxy has to cap per client itself. */
export const MAX_CONNS_PER_IP = 64;
/** connections. Open TCP connections for the whole process (default of --max-connections;
 *  http.Server.maxConnections): 8x the default player cap of 512, well under the usual
 *  file-descriptor limit, so a flood from many addresses cannot take the last descriptor. */
export const MAX_CONNECTIONS = 4096;
/** ms. A connection must finish sending a request's headers within this (slowloris). An
 *  honest client sends them in one packet. */
export const HTTP_HEADERS_TIMEOUT_MS = 10_000;
/** ms. ...and the whole request, body included, within this. Bodies are at most 4 KB. */
export const HTTP_REQUEST_TIMEOUT_MS = 20_000;
/** ms. An idle keep-alive connection is closed after this (Node's default, stated so a
 *  proxy in front can keep its own upstream idle timeout below it). */
export const HTTP_KEEP_ALIVE_TIMEOUT_MS = 5_000;
/** ms. How often Node checks the two timeouts above; its default of 30 s would let a
 *  half-open connection live up to 40 s instead of 10. */
export const HTTP_TIMEOUT_CHECK_MS = 1_000;
/** bits. IPv6 clients are counted per /64: one host usually owns a whole /64, so counting
 *  single addresses would let it rotate through 2^64 of them. */
export const IPV6_LIMIT_PREFIX = 64;

// ── Server bots that fill empty seats ───────────────────────────────────────
// A room tops itself up with bots while it has humans (server/rules/bot-fill.ts decides
// how many and which leaves; server/game/bot-crew.ts drives them through the same input
// credits as humans, with the fight brain of shared/brains/ handicapped by a skill).
/** players. A room with humans keeps at least this many seats taken, bots making up the
 *  rest (default of --fill-to; 0 = no bots). Six gives a lone player a few enemies on a
 *  map sized for 16 without crowding it; bots never take a seat a human could want, since
 *  each arriving human sends one home. */
export const FILL_TO = 6;
/** The fight skill levels of server bots (--bot-skill). */
export const BOT_SKILL_LEVELS = ["easy", "normal", "hard"] as const;
export type BotSkillLevel = (typeof BOT_SKILL_LEVELS)[number];
/** Default of --bot-skill. */
export const BOT_SKILL: BotSkillLevel = "normal";
/**
 * Per level: `aimErrorDeg` (degrees) is the largest aim error, held 0.4 s at a time
 * (AIM_ERROR_HOLD_STEPS); at 300 u, 6° moves a shot by 31 u, about two player radii, so
 * about half of a normal bot's shots at a strafing target miss. `reactionSeconds` (s) is
 * how long a newly seen target is tracked before the first shot: a human's 0.2 to 0.3 s
 * of reaction plus the time to bring a mouse round. Hard is the headless bots' aim with a
 * short reaction; easy misses most shots at range and hesitates long enough to be
 * out-drawn by anyone who saw it first.
 */
export const BOT_SKILLS: Readonly<Record<BotSkillLevel, { aimErrorDeg: number; reactionSeconds: number }>> = {
  easy: { aimErrorDeg: 10, reactionSeconds: 0.7 },
  normal: { aimErrorDeg: 6, reactionSeconds: 0.4 },
  hard: { aimErrorDeg: 3, reactionSeconds: 0.15 },
};
/** Names server bots take, in order (a taken one is skipped; then "Bot N"). Short and
 *  plainly not a real player's; the client still tags them as bots from the state flag. */
export const BOT_NAMES: readonly string[] = ["Rivet", "Sprocket", "Cog", "Widget", "Gizmo", "Piston", "Servo", "Diode", "Relay", "Ratchet", "Gasket", "Flywheel", "Dynamo", "Solder", "Bolt"];
// ── Sessions: names by grapheme (issue 12) ─────────────────────────────────
/** code points. The longest one drawn character (grapheme cluster) of a name may be. The
 *  longest standard emoji, a kiss with two skin tones, is 10; a subdivision flag is 7; an
 *  Indic conjunct with its marks or a Hangul syllable typed as jamo fits easily. A longer
 *  cluster is only a way to pack many drawn symbols into one counted character (a chain of
 *  emoji glued with joiners, a run of leading jamo), so it is dropped whole. NAME_MAX
 *  counts graphemes; NAME_RAW_MAX (UTF-16 units) bounds the whole name as well. */
export const NAME_CLUSTER_MAX = 10;
// ── View (what one screen shows) ────────────────────────────────────────────
/** world units. Every player sees exactly this much of the arena, whatever the window: the
 *  client scales it to fit and letter-boxes the rest, so a wide monitor is no advantage.
 *  16:9, the commonest screen shape; 800 u each side of a centred player is most of a
 *  shot's 900 u range, and 80% of the arena width, so the camera still has to follow.
 *  The server may use the same extent to decide who needs to hear about whom. */
export const VIEW_WIDTH = 1600;
export const VIEW_HEIGHT = 900;
/** world units. Gap kept between the own tank's circle and any HUD panel on screen. */
export const VIEW_HUD_CLEARANCE = 24;
// --- First load (issue 12): what a new player downloads before the menu ---------------

/** bytes. Most a first visit may transfer (headers and compressed bodies, as the browser
 *  counts them) until the menu is drawn: about 2.5 s of a DevTools "Fast 3G" link
 *  (180,000 B/s), so a phone on a poor network is playing within a few seconds. Checked by
 *  e2e/first-load.e2e.test.ts, reported by `npm run bench:load`. */
export const FIRST_LOAD_BUDGET_BYTES = 450_000;
/** bytes. The goal once Phaser is trimmed to what the client uses (scripts/phaser-build.ts):
 *  under 2 s of the same link. */
export const FIRST_LOAD_GOAL_BYTES = 350_000;
