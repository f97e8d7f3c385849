// The constants generated from the Python registry (assets/src/constants.mjs; tests/browser/test_scripts.py
// checks that the committed file is what the generator writes now).
import { test } from "node:test";
import assert from "node:assert/strict";

import { MAX_SLUG, MODES, MONTHS, SLUG_PATTERN, STATUSES } from "../../asn_portal/assets/src/constants.mjs";
import { modeLabel, validSlug } from "../../asn_portal/assets/src/core.mjs";

test("modes have Indonesian labels, and a stored mode's label comes from them", () => {
  assert.equal(MODES.daring, "Daring");
  assert.equal(modeLabel({ mode: "luring", mode_label: "" }), "Luring");
  assert.ok(Object.isFrozen(MODES));
});

test("statuses in order, months in Indonesian, the slug rule", () => {
  assert.deepEqual([...STATUSES], ["direncanakan", "berjalan", "selesai"]);
  assert.equal(MONTHS.length, 12);
  assert.equal(MONTHS[7], "Agustus");
  assert.equal(SLUG_PATTERN.test("a-b-1"), true);
  assert.equal(SLUG_PATTERN.test("a--b"), false);
  assert.equal(validSlug("x".repeat(MAX_SLUG)), true);
});
