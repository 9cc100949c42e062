"use strict";
// The pure placement logic behind "apply a suggestion without losing anything".
const test = require("node:test");
const assert = require("node:assert/strict");
const L = require("../src/locate.js");

test("occurrences treat &nbsp; and any whitespace run as a space", () => {
  assert.deepEqual(L.occurrences("you\u00a0should  have\nknown", "you should have"), [[0, 16]]);
});

test("occurrences match straight and curly quotes alike", () => {
  assert.deepEqual(L.occurrences("we can\u2019t do that", "can't do"), [[3, 11]]);
});

test("occurrences only take whole words at word edges", () => {
  assert.deepEqual(L.occurrences("adjust just justice", "just"), [[7, 11]]);
  assert.deepEqual(L.occurrences("ASAP!!! now", "ASAP!!!"), [[0, 7]]);
});

test("occurrences count UTF-16 units past an emoji", () => {
  const text = "\u{1F642} you should have said";
  assert.deepEqual(L.occurrences(text, "you should have"), [[3, 18]]);
});

test("ordinalAt names which copy starts at the finding's offset", () => {
  const text = "Sorry. I said sorry. Sorry again.";
  assert.equal(L.ordinalAt(text, "Sorry", 21), 1);
  assert.equal(L.ordinalAt(text, "Sorry", 0), 0);
  assert.equal(L.ordinalAt(text, "sorry", 14), 0, "case is part of the phrase");
  assert.equal(L.ordinalAt(text, "Sorry", 3), -1);
});

function edit(plain, phrase, nth, replacement) {
  const occ = L.occurrences(plain, phrase)[nth];
  return { offset: occ[0], length: occ[1] - occ[0], text: plain.slice(occ[0], occ[1]), replacement };
}

test("planEdits places a phrase inside one text node", () => {
  const plain = "Hi Ann,\nYou should have asked.";
  const plan = L.planEdits(plain, ["Hi Ann,", null, "You should have asked."],
    [edit(plain, "You should have", 0, "It would help to")]);
  assert.deepEqual(plan, { status: "ok", edits: [{ segment: 2, start: 0, end: 15, replacement: "It would help to" }] });
});

test("planEdits picks the second copy when the second was flagged", () => {
  const plain = "no way. Then no way again.";
  const plan = L.planEdits(plain, ["no way. Then ", "no way again."], [edit(plain, "no way", 1, "not this time")]);
  assert.equal(plan.status, "ok");
  assert.deepEqual(plan.edits[0], { segment: 1, start: 0, end: 6, replacement: "not this time" });
});

test("planEdits refuses a phrase split by formatting", () => {
  const plain = "You should have asked.";
  const plan = L.planEdits(plain, ["You ", "should", " have asked."], [edit(plain, "You should have", 0, "x")]);
  assert.equal(plan.status, "split");
});

test("planEdits refuses to guess when the HTML holds a different number of copies", () => {
  const plain = "sorry, sorry.";
  const plan = L.planEdits(plain, ["sorry, sorry.", null, "hidden sorry"], [edit(plain, "sorry", 1, "x")]);
  assert.equal(plan.status, "ambiguous");
});

test("planEdits reports a phrase the HTML lacks, and a stale offset", () => {
  const plain = "You should have asked.";
  assert.equal(L.planEdits(plain, ["Something else"], [edit(plain, "should have", 0, "x")]).status, "missing");
  const stale = { offset: 2, length: 6, text: "should", replacement: "x" };
  assert.equal(L.planEdits(plain, [plain], [stale]).status, "stale");
});

test("planEdits never joins words across a paragraph break", () => {
  const plain = "we refuse\nto do it";
  const plan = L.planEdits(plain, ["we refuse", null, "to do it"], [edit(plain, "refuse to", 0, "x")]);
  assert.equal(plan.status, "split");
});

test("applyToSegment applies several edits right to left", () => {
  const out = L.applyToSegment("aa bb cc", [{ start: 0, end: 2, replacement: "A" }, { start: 6, end: 8, replacement: "CCC" }]);
  assert.equal(out, "A bb CCC");
});

test("rewriteEdits anchors insertions to the neighbouring word and merges touching changes", () => {
  const plain = "No. We can't do that by Friday.";
  const changes = [
    { offset: 0, length: 0, replacement: "Thanks for asking. ", rule: "structure.acknowledgement" },
    { offset: 0, length: 3, replacement: "Unfortunately not.", rule: "blunt-refusal.no" },
    { offset: 31, length: 0, replacement: " Could we talk on Monday?", rule: "structure.next_step" },
  ];
  const edits = L.rewriteEdits(plain, changes);
  assert.deepEqual(edits, [
    { offset: 0, length: 3, text: "No.", replacement: "Thanks for asking. Unfortunately not." },
    { offset: 24, length: 7, text: "Friday.", replacement: "Friday. Could we talk on Monday?",
      fallback: { offset: 30, length: 1, text: ".", replacement: ". Could we talk on Monday?" } },
  ]);
  // Applying the edits to the plain text gives what the server's rewrite gives.
  let out = plain;
  edits.slice().reverse().forEach((e) => { out = out.slice(0, e.offset) + e.replacement + out.slice(e.offset + e.length); });
  assert.equal(out, "Thanks for asking. Unfortunately not. We can't do that by Friday. Could we talk on Monday?");
});

test("a lone insertion falls back to its neighbour character when its word is split", () => {
  const plain = "Send it later.";
  const edits = L.rewriteEdits(plain, [{ offset: 14, length: 0, replacement: " Thanks!" }]);
  const segments = ["Send it ", "later", "."];  // "<i>later</i>."
  const plan = L.planEdits(plain, segments, edits);
  assert.equal(plan.status, "ok");
  assert.deepEqual(plan.edits, [{ segment: 2, start: 0, end: 1, replacement: ". Thanks!" }]);
});

test("two insertions at one offset keep the server's order", () => {
  const plain = "We can't.";
  const edits = L.rewriteEdits(plain, [
    { offset: 9, length: 0, replacement: " Reason." },
    { offset: 9, length: 0, replacement: " Next step." },
  ]);
  assert.equal(edits.length, 1);
  assert.equal(edits[0].replacement, "can't. Reason. Next step.");
});

test("rewriteEdits gives up only when there is no word to anchor to", () => {
  assert.equal(L.rewriteEdits("", [{ offset: 0, length: 0, replacement: "Hi. " }]), null);
});

test("samePhrase compares a selection to a phrase by words", () => {
  assert.ok(L.samePhrase(" you\u00a0should have ", "you should have"));
  assert.ok(!L.samePhrase("you should", "you should have"));
  assert.ok(!L.samePhrase("", ""));
});
