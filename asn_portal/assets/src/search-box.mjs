/* asn-portal: every way of typing searches. Material's search box asks its worker when a key is
 * released (keyup), so text that arrives without a key press did not search: a paste, voice input,
 * autofill, a word picked from a phone keyboard's suggestions, the end of an IME composition. Each
 * such change (the `input` event, and `compositionend`) is passed on as a key release; Material
 * reads the box's value then and asks once per distinct value, so a real key press that also
 * fired `input` asks no second time. Works the same over http and from file://. */
import { onEveryPage } from "./page.mjs";

const BOX = "input[data-md-component=search-query]";

export function relayTyping(box) {
  if (!box || box.getAttribute("data-asn-relay")) return;
  box.setAttribute("data-asn-relay", "1");
  const relay = function (event) {
    if (event.isComposing) return;  // mid-composition: compositionend follows
    box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
  };
  box.addEventListener("input", relay);
  box.addEventListener("compositionend", relay);
}

export function startSearchBox() {
  onEveryPage(function () { relayTyping(document.querySelector(BOX)); });
}
