import { CHAT_BURST, CHAT_ERROR_REPLY_EVERY_MS, CHAT_WINDOW_SECONDS } from "../../shared/constants.ts";
import { Msg, type ChatOut } from "../../shared/messages.ts";
import { ChatInSchema } from "../../shared/validation.ts";
import { decideChat } from "../rules/chat.ts";
import { SlidingWindowLimiter } from "../rules/rate-limit.ts";
import type { Delivery } from "./deliveries.ts";

export interface ChatCounters {
  /** chat payloads that failed the shared schema. */
  badMessages: number;
  chatRateLimited: number;
}

function errorLine(text: string): ChatOut {
  return { kind: "error", from: "", to: "", text };
}

/**
 * Room chat: validates a raw chat payload, applies the rate limit, and decides who hears
 * it, as "all", "except" or "only" audiences (server/game/deliveries.ts).
 */
export class ChatDesk {
  readonly counters: ChatCounters = { badMessages: 0, chatRateLimited: 0 };
  private readonly names: ReadonlyMap<string, string>;
  private readonly limiter = new SlidingWindowLimiter(CHAT_BURST, CHAT_WINDOW_SECONDS * 1000);
  private readonly errorReplies = new SlidingWindowLimiter(1, CHAT_ERROR_REPLY_EVERY_MS);

  /** `names`: sessionId → display name, kept current by the room. */
  constructor(names: ReadonlyMap<string, string>) {
    this.names = names;
  }

  /**
   * Validated with the shared zod (Standard Schema) definition, but here rather than in
   * Colyseus' `onMessage(type, schema, cb)`: that disconnects the sender on a failed parse,
   * and a malformed chat line should cost a player an error line, not their game.
   */
  receive(senderId: string, message: unknown, nowMs: number): Delivery[] {
    // Errors go back to the sender at most once per CHAT_ERROR_REPLY_EVERY_MS: a flood of
    // bad lines earns one reply, not one each (counters still count every line).
    const toSender = (text: string): Delivery[] =>
      this.errorReplies.tryTake(senderId, nowMs) ? [{ to: { only: [senderId] }, type: Msg.chat, payload: errorLine(text) }] : [];
    const parsed = ChatInSchema.safeParse(message);
    if (!parsed.success) {
      this.counters.badMessages++;
      return toSender("Message rejected: chat text must be 1 to 200 characters.");
    }
    if (!this.limiter.tryTake(senderId, nowMs)) {
      this.counters.chatRateLimited++;
      return toSender(`Slow down: at most ${CHAT_BURST} messages every ${CHAT_WINDOW_SECONDS} s.`);
    }
    const from = this.names.get(senderId) ?? "";
    const decision = decideChat(senderId, parsed.data.text, { names: this.names });
    switch (decision.kind) {
      case "error":
        return toSender(decision.text);
      case "all":
        return [{ to: "all", type: Msg.chat, payload: { kind: "all", from, to: "", text: decision.text } }];
      case "whisper": {
        const line: ChatOut = { kind: "whisper", from, to: this.names.get(decision.targetId) ?? "", text: decision.text };
        // the sender sees their own whisper too, as in any chat client
        return [{ to: { only: [decision.targetId, senderId] }, type: Msg.chat, payload: line }];
      }
    }
  }

  forget(sessionId: string): void {
    this.limiter.forget(sessionId);
    this.errorReplies.forget(sessionId);
  }
}
