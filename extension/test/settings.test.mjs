import assert from 'node:assert/strict';
import { test } from 'node:test';

await import('../shared/settings.js');
const S = globalThis.Tactful.settings;

test('defaults when nothing is stored', () => {
  const s = S.merge({});
  assert.equal(s.serverUrl, 'http://127.0.0.1:8740');
  assert.equal(s.strictness, 'balanced');
  assert.equal(s.sendCheck, 'high');
  assert.deepEqual(s.disabledRules, []);
});

test('later sources win, bad values are ignored', () => {
  const s = S.merge(
    { strictness: 'strict', serverUrl: 'https://tactful.example.com/', sendCheck: 'off' },
    { strictness: 'extreme', serverUrl: 'javascript:alert(1)', sendCheck: 7 },
    { disabledRules: ['b', 'a', 'a', 3, ''] },
  );
  assert.equal(s.strictness, 'strict');
  assert.equal(s.serverUrl, 'https://tactful.example.com');
  assert.equal(s.sendCheck, 'off');
  assert.deepEqual(s.disabledRules, ['a', 'b']);
});

test('merging never shares arrays with the defaults', () => {
  const s = S.merge({});
  s.disabledRules.push('x');
  assert.deepEqual(S.merge({}).disabledRules, []);
});

test('server URLs are normalised and validated', () => {
  assert.equal(S.normaliseServerUrl(' http://localhost:8740/ '), 'http://localhost:8740');
  assert.equal(S.normaliseServerUrl('https://x.example/tactful/'), 'https://x.example/tactful');
  assert.equal(S.normaliseServerUrl('ftp://x'), null);
  assert.equal(S.normaliseServerUrl('https://user:pw@x.example'), null);
  assert.equal(S.normaliseServerUrl('not a url'), null);
  assert.equal(S.originPattern('https://x.example:9000/a'), 'https://x.example:9000/*');
});

test('only non-default servers need a runtime permission', () => {
  assert.equal(S.needsPermission('http://127.0.0.1:8740'), false);
  assert.equal(S.needsPermission('http://localhost:8740/'), false);
  assert.equal(S.needsPermission('http://127.0.0.1:9000'), true);
  assert.equal(S.needsPermission('https://tactful.example.com'), true);
});

test('site switch and list toggling', () => {
  const s = S.merge({ disabledSites: ['outlook.live.com'] });
  assert.equal(S.siteEnabled(s, 'mail.google.com'), true);
  assert.equal(S.siteEnabled(s, 'Outlook.Live.com'), false);
  assert.deepEqual(S.toggled(['b'], 'a', true), ['a', 'b']);
  assert.deepEqual(S.toggled(['a', 'b'], 'a', false), ['b']);
});

test('load reads the token from local storage only, save routes it there', async () => {
  const area = (data) => ({
    data,
    async get() { return { ...this.data }; },
    async set(patch) { Object.assign(this.data, patch); },
  });
  const storage = { sync: area({ strictness: 'gentle', token: 'leaked' }), local: area({}) };
  assert.equal((await S.load(storage)).token, '');
  await S.save(storage, { token: 'secret', strictness: 'strict' });
  assert.equal(storage.local.data.token, 'secret');
  assert.equal(storage.sync.data.strictness, 'strict');
  const s = await S.load(storage);
  assert.equal(s.token, 'secret');
  assert.equal(s.strictness, 'strict');
});
