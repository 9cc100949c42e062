"use strict";
// Promises around Office.js: reading and writing the body, the selection, roaming settings.
const test = require("node:test");
const assert = require("node:assert/strict");
const Stub = require("./office-stub.js");
const TactfulOffice = require("../src/office-io.js");

test("bodyText and bodyHtml read the compose body with the right coercion", async () => {
  const office = Stub.create({ html: "<p>Hi <b>Ann</b></p>", text: "Hi Ann" });
  const io = TactfulOffice.create(office);
  assert.equal(await io.bodyText(), "Hi Ann");
  assert.equal(await io.bodyHtml(), "<p>Hi <b>Ann</b></p>");
  assert.deepEqual(office._stub.calls.map((c) => c.type), ["text", "html"]);
});

test("a failed body read rejects with Office's message", async () => {
  const io = TactfulOffice.create(Stub.create({ html: "x", fail: { getText: "Item is busy" } }));
  await assert.rejects(io.bodyText(), /Reading the message failed: Item is busy/);
});

test("no compose item: hasItem is false and reads reject instead of throwing", async () => {
  const io = TactfulOffice.create(Stub.create({ noItem: true }));
  assert.equal(io.hasItem(), false);
  await assert.rejects(io.bodyText(), /No message is open/);
  const none = TactfulOffice.create(undefined);
  assert.equal(none.hasItem(), false);
  await assert.rejects(none.bodyHtml(), /No message is open/);
});

test("setBodyHtml writes HTML, and a refused write rejects and leaves the body", async () => {
  const office = Stub.create({ html: "<p>old</p>" });
  const io = TactfulOffice.create(office);
  await io.setBodyHtml("<p>new</p>");
  assert.equal(office._stub.body().html, "<p>new</p>");
  assert.equal(office._stub.calls.at(-1).type, "html");
  const locked = Stub.create({ html: "<p>old</p>", fail: { setHtml: "read-only" } });
  await assert.rejects(TactfulOffice.create(locked).setBodyHtml("<p>new</p>"), /read-only/);
  assert.equal(locked._stub.body().html, "<p>old</p>");
});

test("selectedText and replaceSelection go through the selection APIs", async () => {
  const office = Stub.create({ html: "<p>You <b>should</b> have</p>",
    selection: { text: "You should have", html: "You <b>should</b> have" } });
  const io = TactfulOffice.create(office);
  assert.equal(await io.selectedText(), "You should have");
  await io.replaceSelection("It would help to");
  assert.equal(office._stub.body().html, "<p>It would help to</p>");
});

test("settings: fallback when unset, saved through saveAsync, removed when emptied", async () => {
  const office = Stub.create({ settings: { "tactful.strictness": "strict" } });
  const io = TactfulOffice.create(office);
  assert.equal(io.setting("tactful.strictness", "balanced"), "strict");
  assert.equal(io.setting("tactful.token", ""), "");
  await io.saveSetting("tactful.strictness", "gentle");
  assert.deepEqual(office._stub.saved(), { "tactful.strictness": "gentle" });
  await io.saveSetting("tactful.strictness", "");
  assert.deepEqual(office._stub.saved(), {});
});

test("a failed settings save rejects so the pane can say so", async () => {
  const office = Stub.create({ fail: { save: "quota exceeded" } });
  await assert.rejects(TactfulOffice.create(office).saveSetting("k", "v"), /Saving settings failed: quota exceeded/);
  assert.deepEqual(office._stub.saved(), {});
});

test("settings unavailable: reads fall back, saves reject", async () => {
  const io = TactfulOffice.create({ context: { mailbox: {} } });
  assert.equal(io.setting("tactful.strictness", "balanced"), "balanced");
  await assert.rejects(io.saveSetting("k", "v"), /not available/);
});
