/**
 * Applies the adapted interpolation delay to every lerp profile of a Predict.
 *
 * Why not just `predict.setDefaults({ delay })`: that moves the default profile, which
 * the input's lag-compensation stamp reads, but `attachAll` gives each attach group its
 * own profile (SDK Predictor `groupProfile`, "never the mutable default #0"), so remote
 * players would keep being drawn at the delay they were attached with while the server
 * rewinds to the adapted one. The SDK's own tuning hook for group profiles
 * (`PredictCore.setProfile`, a public type) is only handed to its debug panel; we call the
 * same two methods on the Predict. lerpDelay.room-level test: GameSession.room.test.ts.
 */
import type { Predict, ProfileCore } from "@colyseus/sdk/predict";

interface ProfileTuning {
  snapshotProfiles(): ProfileCore[];
  setProfile(id: number, opts: { delay: number }): void;
}

function tuning(predict: Predict): ProfileTuning {
  const t = predict as unknown as Partial<ProfileTuning>;
  if (typeof t.snapshotProfiles !== "function" || typeof t.setProfile !== "function") {
    throw new Error("@colyseus/sdk Predict no longer has snapshotProfiles/setProfile: update client/net/lerpDelay.ts");
  }
  return t as ProfileTuning;
}

/** Sets `delayMs` on the default profile and on every lerp profile (every attach group). */
export function setLerpDelay(predict: Predict, delayMs: number, snap: number): void {
  predict.setDefaults({ mode: "lerp", delay: delayMs, snap });
  const t = tuning(predict);
  for (const p of t.snapshotProfiles()) if (p.mode === "lerp" && p.delay !== delayMs) t.setProfile(p.id, { delay: delayMs });
}

/** The delays of the lerp profiles now in use, for tests and the net graph. */
export function lerpDelays(predict: Predict): number[] {
  return tuning(predict)
    .snapshotProfiles()
    .filter((p) => p.mode === "lerp")
    .map((p) => p.delay);
}
