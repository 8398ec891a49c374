/**
 * zod 4 validators (Standard Schemas) for everything a client sends besides inputs. The
 * server parses every payload with these; anything that does not parse is dropped and
 * counted. Kept apart from messages.ts so the browser bundle does not carry zod.
 */
import { z } from "zod";
import { CHAT_MAX, NAME_RAW_MAX } from "./constants.ts";
import type { ChatIn, JoinOptions } from "./messages.ts";

export const ChatInSchema: z.ZodType<ChatIn> = z.object({ text: z.string().min(1).max(CHAT_MAX) }).strict();

export const JoinOptionsSchema: z.ZodType<JoinOptions> = z
  .object({
    name: z.string().max(NAME_RAW_MAX),
    private: z.boolean().optional(),
  })
  .strict();
