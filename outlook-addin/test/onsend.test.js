"use strict";
// The Smart Alerts handler, run the way classic Outlook runs it: the file alone in a bare
// JavaScript context with no window, no document and no page around it.
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");
const Stub = require("./office-stub.js");

const SOURCE = fs.readFileSync(path.join(__dirname, "../src/onsend.js"), "utf8");

function load({ body = "We can't do that.", fetch, requirements, settings, fail, timeoutMs } = {}) {
  const office = Stub.create({ html: "", text: body, requirements, settings, fail });
  const requests = [];
  const context = vm.createContext({
    Office: office, setTimeout, clearTimeout, console,
    fetch: fetch && (async (url, init) => { requests.push({ url, init }); return fetch(url, init); }),
  });
  vm.runInContext(SOURCE, context, { filename: "onsend.js" });
  if (timeoutMs) context.TACTFUL_TIMEOUT_MS = timeoutMs;
  const send = () => new Promise((resolve) => {
    // The result is built in the vm's realm: copy it into ours to compare.
    office._stub.associated.onMessageSendHandler({ completed: (o) => resolve(JSON.parse(JSON.stringify(o))) });
  });
  return { context, office, requests, send };
}

const json = (status, value) => async () => ({ status, text: async () => JSON.stringify(value) });
const finding = (severity, text, category, offset) => ({ id: "f" + offset, rule: category + ".x",
  category, severity, offset, length: text.length, text, message: "m", explanation: "e", suggestions: [] });

test("runs with no window or document and registers the manifest's function name", () => {
  const { context, office } = load();
  assert.equal(vm.runInContext("typeof window + typeof document", context), "undefinedundefined");
  assert.deepEqual(Object.keys(office._stub.associated), ["onMessageSendHandler"]);
  assert.equal(typeof office._stub.associated.onMessageSendHandler, "function");
});

test("lets a fine draft go, after asking the server at its absolute URL", async () => {
  const { send, requests } = load({ fetch: json(200, { score: 96, label: "ready", findings: [finding("low", "just", "minimizer", 3)] }),
    settings: { "tactful.strictness": "strict", "tactful.token": "tok" } });
  assert.deepEqual(await send(), { allowEvent: true });
  assert.equal(requests.length, 1);
  assert.equal(requests[0].url, "https://localhost:8740/api/v1/analyze");
  assert.deepEqual(JSON.parse(requests[0].init.body), { text: "We can't do that.", strictness: "strict" });
  assert.equal(requests[0].init.headers.Authorization, "Bearer tok");
});

test("prompts with the worst findings named, high before medium", async () => {
  const findings = [finding("medium", "I think maybe", "hedge", 0), finding("high", "you should have", "blame", 20),
    finding("high", "NO WAY!!!", "shouting", 40)];
  const { send } = load({ fetch: json(200, { score: 20, label: "risky", findings }) });
  const result = await send();
  assert.equal(result.allowEvent, false);
  assert.match(result.errorMessage, /“you should have” \(blame\) and “NO WAY!!!” \(shouting\) and 1 more/);
  assert.ok(result.errorMessage.length <= 500);
  assert.equal(result.commandId, undefined, "no 1.14 options on a 1.12 client");
});

test("on Mailbox 1.14 the prompt opens the task pane from the manifest's button", async () => {
  const { send } = load({ requirements: ["1.12", "1.14"],
    fetch: json(200, { score: 30, label: "risky", findings: [finding("high", "you never listen", "absolute", 0)] }) });
  const result = await send();
  assert.equal(result.allowEvent, false);
  assert.equal(result.commandId, "TactfulOpenPane");
  assert.equal(result.cancelLabel, "Review in Tactful");
});

test("fails open: server down", async () => {
  const { send } = load({ fetch: async () => { throw new TypeError("Failed to fetch"); } });
  assert.deepEqual(await send(), { allowEvent: true });
});

test("fails open: server error and garbage", async () => {
  assert.deepEqual(await load({ fetch: json(500, { error: { code: "x", message: "boom" } }) }).send(), { allowEvent: true });
  const garbage = async () => ({ status: 200, text: async () => "<html>captive portal</html>" });
  assert.deepEqual(await load({ fetch: garbage }).send(), { allowEvent: true });
  assert.deepEqual(await load({ fetch: json(200, { findings: "nope" }) }).send(), { allowEvent: true });
});

test("fails open: a server that never answers, within the timeout", async () => {
  const { send } = load({ fetch: () => new Promise(() => {}), timeoutMs: 40 });
  const started = Date.now();
  assert.deepEqual(await send(), { allowEvent: true });
  assert.ok(Date.now() - started < 2000);
});

test("fails open: body unreadable, no way to make requests; an empty draft is not checked", async () => {
  assert.deepEqual(await load({ fail: { getText: "busy" }, fetch: json(200, {}) }).send(), { allowEvent: true });
  assert.deepEqual(await load({}).send(), { allowEvent: true });
  const empty = load({ body: "  \n ", fetch: json(200, {}) });
  assert.deepEqual(await empty.send(), { allowEvent: true });
  assert.equal(empty.requests.length, 0);
});

test("completes exactly once even if the server answers after the guard fired", async () => {
  let release;
  const office = Stub.create({ text: "We can't." });
  const context = vm.createContext({ Office: office, setTimeout, clearTimeout,
    fetch: () => new Promise((r) => { release = r; }) });
  vm.runInContext(SOURCE, context);
  context.TACTFUL_TIMEOUT_MS = 20;
  const completions = [];
  await new Promise((resolve) => office._stub.associated.onMessageSendHandler({
    completed: (o) => { completions.push(JSON.parse(JSON.stringify(o))); resolve(); } }));
  release({ status: 200, text: async () => JSON.stringify({ findings: [finding("high", "x", "blame", 0)] }) });
  await new Promise((r) => setTimeout(r, 30));
  assert.deepEqual(completions, [{ allowEvent: true }]);
});
