/**
 * Requests and connections the HTTP limits turned away, by reason, since start; /metrics
 * shows them as tickfire_http_refused_total{reason="..."}. One per process, like the
 * process tally: every gate of the process counts into it.
 */

export const REFUSAL_REASONS = [
  /** matchmaking over the per-IP rate (429). */
  "rate",
  /** a request body over MAX_HTTP_BODY_BYTES (413). */
  "body",
  /** a connection over the per-IP cap or the process's maxConnections (destroyed). */
  "conns",
  /** a browser Origin not on the allow-list (no CORS headers, 403 on upgrade and matchmaking). */
  "origin",
  /** private-code joins from an IP past its failed-join bound (429). */
  "code-guess",
  /** /monitor logins from an IP past its failed-login bound (429). */
  "monitor-auth",
  /** /metrics from an address outside --metrics-allow (403). */
  "metrics",
] as const;

export type RefusalReason = (typeof REFUSAL_REASONS)[number];

function zeroes(): Record<RefusalReason, number> {
  return Object.fromEntries(REFUSAL_REASONS.map((r) => [r, 0])) as Record<RefusalReason, number>;
}

export const httpRefusals = {
  counts: zeroes(),
  count(reason: RefusalReason): void {
    this.counts[reason]++;
  },
  /** a copy, every reason present (zero included) so each series exists from the start. */
  snapshot(): Record<RefusalReason, number> {
    return { ...this.counts };
  },
};
