/// <reference types="mocha" />
import { expect } from 'chai';
import { OFFLINE_MESSAGE, ServerApi } from './server-api.ts';
import { EXPIRED_NOTICE, SESSION_KEY, SessionStore } from './session-store.ts';
import { memoryStorage } from '../testing/memory-storage.ts';
import { fakeFetch, sessionReply, type Answer, type Received } from '../testing/fake-fetch.ts';

const BAD = { status: 401, body: { error: 'bad-credentials', message: 'The username or password is not right.' } };

function store(answers: Record<string, Answer | ((r: Received) => Answer)>, options: { storage?: Storage; renewAheadMs?: number; retryMs?: number } = {}) {
  const { fetch, received } = fakeFetch(answers);
  const storage = options.storage ?? memoryStorage();
  const s = new SessionStore({ api: new ServerApi('', fetch), storage, renewAheadMs: options.renewAheadMs, retryMs: options.retryMs });
  return { store: s, storage, received };
}

const until = async (test: () => boolean, what: string): Promise<void> => {
  const started = Date.now();
  while (!test()) {
    if (Date.now() - started > 3000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('SessionStore', () => {
  it('signs in, keeping the session in memory and sessionStorage only', async () => {
    const reply = sessionReply();
    const { store: s, storage, received } = store({ 'POST /api/login': { status: 200, body: reply } });
    let changes = 0;
    s.subscribe(() => changes++);
    expect(await s.signIn('asha', 'secret')).to.deep.equal({ ok: true });
    expect(received[0]).to.deep.include({ method: 'POST', path: '/api/login', body: { username: 'asha', password: 'secret' } });
    expect(s.token()).to.equal(reply.token);
    expect(s.session?.user.name).to.equal('Asha Patel');
    expect(JSON.parse(storage.getItem(SESSION_KEY)!)).to.deep.equal(reply);
    expect(changes).to.equal(1);
    s.stop();
  });

  it("returns the server's message for a refused sign-in and keeps nothing", async () => {
    const { store: s, storage } = store({ 'POST /api/login': BAD });
    expect(await s.signIn('asha', 'wrong')).to.deep.include({ ok: false, code: 'bad-credentials', message: 'The username or password is not right.' });
    expect(s.session).to.equal(undefined);
    expect(storage.length).to.equal(0);
  });

  it('passes on the wait of too many attempts', async () => {
    const { store: s } = store({
      'POST /api/login': { status: 429, body: { error: 'too-many-attempts', message: 'Too many failed sign-in attempts. Try again in 15 minute(s).' }, headers: { 'retry-after': '840' } },
    });
    expect(await s.signIn('asha', 'wrong')).to.deep.equal({ ok: false, code: 'too-many-attempts', message: 'Too many failed sign-in attempts. Try again in 15 minute(s).', retryAfterSeconds: 840 });
  });

  it('says when the server cannot be reached, or answers with something it does not understand', async () => {
    expect(await store({ 'POST /api/login': 'offline' }).store.signIn('a', 'b')).to.deep.include({ ok: false, code: 'offline', message: OFFLINE_MESSAGE });
    expect(await store({ 'POST /api/login': { status: 200, body: { token: 1 } } }).store.signIn('a', 'b')).to.deep.include({ ok: false, code: 'bad-reply' });
  });

  it('takes up the session this tab saved, and drops an expired or malformed one', () => {
    const storage = memoryStorage();
    const reply = sessionReply();
    storage.setItem(SESSION_KEY, JSON.stringify(reply));
    const live = store({}, { storage }).store;
    live.restore();
    expect(live.token()).to.equal(reply.token);
    live.stop();

    storage.setItem(SESSION_KEY, JSON.stringify(sessionReply('asha', -1000)));
    const expired = store({}, { storage }).store;
    expired.restore();
    expect(expired.session).to.equal(undefined);
    expect(expired.notice).to.equal(EXPIRED_NOTICE);
    expect(storage.getItem(SESSION_KEY)).to.equal(null);

    storage.setItem(SESSION_KEY, '{not json');
    const broken = store({}, { storage }).store;
    broken.restore();
    expect(broken.session).to.equal(undefined);
  });

  it('renews the token before it expires, with the current token', async () => {
    // A token with 30 s left is due for renewal at once ("a minute before" it expires).
    const first = sessionReply('asha', 30_000, 'first');
    const second = sessionReply('asha', 15 * 60_000, 'second');
    const { store: s, received, storage } = store({ 'POST /api/login': { status: 200, body: first }, 'POST /api/token': { status: 200, body: second } });
    await s.signIn('asha', 'secret');
    await until(() => s.token() === 'second', 'the renewal');
    expect(received.filter((r) => r.path === '/api/token').map((r) => r.authorization)).to.deep.equal(['Bearer first']);
    expect(JSON.parse(storage.getItem(SESSION_KEY)!)).to.deep.equal(second);
    s.stop();
  });

  it('schedules the renewal a minute before expiry, not earlier', async () => {
    const { store: s, received } = store({ 'POST /api/login': { status: 200, body: sessionReply('asha', 61_000 + 300) } });
    await s.signIn('asha', 'secret');
    await new Promise((r) => setTimeout(r, 100));
    expect(received.filter((r) => r.path === '/api/token')).to.have.length(0);
    s.stop();
  });

  it("signs out with the server's message when a renewal is refused", async () => {
    const { store: s, storage } = store(
      {
        'POST /api/login': { status: 200, body: sessionReply('asha', 30_000) },
        'POST /api/token': { status: 401, body: { error: 'unauthorized', message: 'This account cannot sign in. Ask your administrator.' } },
      },
    );
    await s.signIn('asha', 'secret');
    await until(() => s.session === undefined, 'the sign-out');
    expect(s.notice).to.equal('This account cannot sign in. Ask your administrator.');
    expect(storage.getItem(SESSION_KEY)).to.equal(null);
  });

  it('signs out when the token runs out while the server cannot be reached', async () => {
    const { store: s } = store({ 'POST /api/login': { status: 200, body: sessionReply('asha', 150) }, 'POST /api/token': 'offline' }, { retryMs: 20 });
    await s.signIn('asha', 'secret');
    await until(() => s.session === undefined, 'the sign-out at expiry');
    expect(s.notice).to.equal(EXPIRED_NOTICE);
  });

  it('tries the renewal again while the server cannot be reached', async () => {
    let calls = 0;
    const renewed = sessionReply('asha', 15 * 60_000, 'renewed');
    const { store: s } = store(
      {
        'POST /api/login': { status: 200, body: sessionReply('asha', 30_000) },
        'POST /api/token': () => (++calls < 3 ? 'offline' : { status: 200, body: renewed }),
      },
      { retryMs: 20 },
    );
    await s.signIn('asha', 'secret');
    await until(() => s.token() === 'renewed', 'the renewal after two failures');
    expect(calls).to.equal(3);
    s.stop();
  });

  it('signs out on request, forgetting the token everywhere and saying why', async () => {
    const { store: s, storage } = store({ 'POST /api/login': { status: 200, body: sessionReply() } });
    await s.signIn('asha', 'secret');
    s.signOut('You have signed out.');
    expect(s.token()).to.equal(undefined);
    expect(s.notice).to.equal('You have signed out.');
    expect(storage.getItem(SESSION_KEY)).to.equal(null);
    expect(localStorage.length).to.equal(0);
  });
});
