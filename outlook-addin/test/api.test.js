"use strict";
// The task pane's HTTP client: what it sends, and how it sorts failures.
const test = require("node:test");
const assert = require("node:assert/strict");
const { createClient } = require("../src/api.js");

function respond(status, body) {
  return async () => ({ ok: status >= 200 && status < 300, status, text: async () => body });
}
const ANALYSIS = JSON.stringify({ version: "1", score: 40, label: "risky", findings: [{ id: "f1" }] });

test("analyze posts the text and strictness as JSON to /api/v1/analyze", async () => {
  let seen;
  const client = createClient({ base: "https://t.example", token: () => "s3cret",
    fetch: async (url, init) => { seen = { url, init }; return respond(200, ANALYSIS)(); } });
  const a = await client.analyze("We can't.", "strict");
  assert.equal(a.score, 40);
  assert.equal(seen.url, "https://t.example/api/v1/analyze");
  assert.equal(seen.init.method, "POST");
  assert.deepEqual(JSON.parse(seen.init.body), { text: "We can't.", strictness: "strict" });
  assert.equal(seen.init.headers["Content-Type"], "application/json");
  assert.equal(seen.init.headers.Authorization, "Bearer s3cret");
});

test("no token, no Authorization header", async () => {
  let headers;
  const client = createClient({ fetch: async (u, init) => { headers = init.headers; return respond(200, ANALYSIS)(); } });
  await client.analyze("x", "balanced");
  assert.equal(headers.Authorization, undefined);
});

test("the server's JSON error is 'refused' with its own message", async () => {
  const body = JSON.stringify({ error: { code: "text_too_long", message: "Text is over 20000 characters." } });
  const client = createClient({ fetch: respond(413, body) });
  await assert.rejects(client.analyze("x", "balanced"),
    (e) => e.kind === "refused" && e.status === 413 && /over 20000/.test(e.message));
});

test("network failure, garbage and a wrong shape are 'offline'", async () => {
  const down = createClient({ fetch: async () => { throw new TypeError("Failed to fetch"); } });
  await assert.rejects(down.analyze("x", "balanced"), (e) => e.kind === "offline" && /reach/.test(e.message));
  const garbage = createClient({ fetch: respond(200, "<html>proxy login</html>") });
  await assert.rejects(garbage.analyze("x", "balanced"), (e) => e.kind === "offline");
  const wrong = createClient({ fetch: respond(200, JSON.stringify({ hello: 1 })) });
  await assert.rejects(wrong.analyze("x", "balanced"), (e) => e.kind === "offline");
  const badGateway = createClient({ fetch: respond(502, "Bad gateway") });
  await assert.rejects(badGateway.analyze("x", "balanced"), (e) => e.kind === "offline");
});

test("a server that never answers times out as 'offline' and is aborted", async () => {
  let signal;
  const client = createClient({ timeoutMs: 30, fetch: (u, init) => { signal = init.signal; return new Promise(() => {}); } });
  await assert.rejects(client.analyze("x", "balanced"), (e) => e.kind === "offline" && /in time/.test(e.message));
  assert.equal(signal.aborted, true);
});

test("rewrite posts to /api/v1/rewrite and checks the shape", async () => {
  let url;
  const client = createClient({ fetch: async (u) => { url = u; return respond(200, JSON.stringify({ text: "ok", changes: [] }))(); } });
  assert.equal((await client.rewrite("x", "balanced")).text, "ok");
  assert.equal(url, "/api/v1/rewrite");
});
