/**
 * A private room's invite: its link (`/?room=CODE`, which joins the room when opened) in
 * a read-only field with a Copy button, at the top of the screen while in the room.
 */
import { overlayRoot } from "./styles.ts";
import { h, injectSessionStyles } from "./sessionStyles.ts";

/** Shows the link; returns the function that removes it. */
export function showInvite(link: string): () => void {
  injectSessionStyles();
  const field = h("input", { id: "invite-link", readOnly: true, value: link, spellcheck: false });
  field.setAttribute("aria-label", "Invite link");
  const copy = h("button", { id: "invite-copy", className: "tf-btn", type: "button", textContent: "Copy link" });
  copy.addEventListener("click", () => {
    const done = (text: string, keepFocus = false) => {
      // Space fires in the game: a focused button would take it as another click.
      if (!keepFocus) copy.blur();
      copy.textContent = text;
      setTimeout(() => (copy.textContent = "Copy link"), 1500);
    };
    // The Clipboard API needs a secure context (https or localhost); elsewhere the link is
    // left selected for Ctrl+C.
    field.select();
    if (navigator.clipboard) navigator.clipboard.writeText(link).then(() => done("Copied"), () => done("Press Ctrl+C", true));
    else done("Press Ctrl+C", true);
  });
  const root = h("div", { id: "invite", className: "tf-invite" }, "Invite:", field, copy);
  overlayRoot().appendChild(root);
  return () => root.remove();
}
