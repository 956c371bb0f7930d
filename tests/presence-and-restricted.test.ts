/**
 * Identity in presence, and the confidentiality boundary of the restricted document (DESIGN
 * decisions 2 and 3), against the real server on 127.0.0.1 with real @hocuspocus/provider clients
 * and, where every byte matters, a raw WebSocket speaking the Hocuspocus protocol:
 * - presence (awareness) shows the account the server authenticated, whatever name a client
 *   claims, and no connection can speak for another connection's awareness client id;
 * - nothing of the restricted document ever reaches a user without a restricted grant, in any
 *   frame, while they use the plan and try the restricted document every way they can.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { liveContext } from '../model/context.ts';
import { restrictedRecord } from '../model/restricted.ts';
import { addChild, addUser, connect, eventually, login, startTestServer, type TestClient, type TestServer } from './harness/collab.ts';
import { authMessage, awarenessMessage, queryAwarenessMessage, syncStep1Message, updateMessage, WireClient } from './harness/hocuspocus-wire.ts';
import { appendMarker, missingMarkers } from './harness/plan-edits.ts';

let server: TestServer;
let childId: string;
let plan: string;
let restricted: string;
const tokens = { editor: '', second: '', reader: '' };

beforeAll(async () => {
  server = await startTestServer();
  childId = await addChild(server.app, 'Linden Fiction');
  plan = `child:${childId}`;
  restricted = `child:${childId}:restricted`;
  await addUser(server.app, 'editor');
  await addUser(server.app, 'second');
  await addUser(server.app, 'reader');
  await server.app.records.grant({ username: 'editor', childId, level: 'edit', restricted: true });
  await server.app.records.grant({ username: 'second', childId, level: 'edit', restricted: false });
  await server.app.records.grant({ username: 'reader', childId, level: 'read', restricted: false });
  for (const u of ['editor', 'second', 'reader'] as const) tokens[u] = await login(server.url, u);
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

type PresenceState = { user?: { username?: string; name?: string; role?: string; readOnly?: boolean; color?: string }; cursor?: unknown; note?: unknown };

/** The presence states a provider sees, by awareness client id. */
const statesOf = (c: TestClient): Map<number, PresenceState> => c.provider.awareness!.getStates();

describe('presence carries the authenticated identity', () => {
  let alice: TestClient;
  let bob: TestClient;

  beforeAll(async () => {
    alice = connect(server.wsUrl, plan, tokens.editor);
    bob = connect(server.wsUrl, plan, tokens.second);
    await Promise.all([alice.synced(), bob.synced()]);
  });

  afterAll(() => {
    alice?.destroy();
    bob?.destroy();
  });

  it('shows a client that claims another name under its real account name', async () => {
    alice.provider.setAwarenessField('user', { name: 'Someone Else', username: 'second', color: '#aa3300' });
    await eventually(() => statesOf(bob).get(alice.doc.clientID)?.user?.name !== undefined, "alice's presence to reach bob");
    const seen = statesOf(bob).get(alice.doc.clientID)!;
    expect(seen.user).toMatchObject({ username: 'editor', name: 'Test editor', role: 'Social Worker', readOnly: false, color: '#aa3300' });
    // Nobody appears as "Someone Else", and the editor appears once: as alice's client.
    const all = [...statesOf(bob).entries()];
    expect(all.filter(([, s]) => s.user?.name === 'Someone Else')).toEqual([]);
    expect(all.filter(([, s]) => s.user?.username === 'editor').map(([id]) => id)).toEqual([alice.doc.clientID]);
  });

  it("does not let a connection overwrite or remove another connection's presence", async () => {
    await eventually(() => statesOf(bob).get(alice.doc.clientID)?.user?.username === 'editor', "alice's presence to reach bob");
    const impostor = await WireClient.open(server.wsUrl);
    try {
      await impostor.authenticate(plan, tokens.second);
      await impostor.sync(plan);
      const target = alice.doc.clientID;
      const clock = 1000;
      impostor.send(awarenessMessage(plan, [{ clientId: target, clock, state: { user: { name: 'Impostor' }, cursor: 'forged' } }]));
      impostor.send(awarenessMessage(plan, [{ clientId: target, clock: clock + 1, state: null }]));
      // Its own presence, sent last, shows once the forged ones have been handled.
      const ownId = 4242;
      impostor.send(awarenessMessage(plan, [{ clientId: ownId, clock: 1, state: { user: { name: 'Another Fake' }, cursor: 'own' } }]));
      await eventually(() => statesOf(bob).get(ownId) !== undefined, "the impostor's own presence to reach bob");
      expect(statesOf(bob).get(ownId)!.user).toMatchObject({ username: 'second', name: 'Test second' });

      const aliceSeen = statesOf(bob).get(target);
      expect(aliceSeen?.user).toMatchObject({ username: 'editor', name: 'Test editor' });
      expect(aliceSeen?.cursor).toBeUndefined();
      expect([...statesOf(bob).values()].filter((s) => s.user?.name === 'Impostor')).toEqual([]);
      // Nor does the server keep the forged state: a newcomer sees alice as she is.
      const newcomer = await WireClient.open(server.wsUrl);
      try {
        await newcomer.authenticate(plan, tokens.second);
        // The server sends the current presence to each new connection.
        await newcomer.waitForMessage((m) => m.kind === 'awareness' && m.entries.some((e) => e.clientId === ownId));
        const entries = newcomer.messages.flatMap((m) => (m.kind === 'awareness' ? m.entries : []));
        const latest = entries.filter((e) => e.clientId === target).at(-1);
        expect((latest?.state as PresenceState | undefined)?.user?.username).toBe('editor');
        expect(newcomer.received('Impostor')).toBe(false);
        expect(newcomer.received('forged')).toBe(false);
      } finally {
        newcomer.terminate();
      }
    } finally {
      impostor.terminate();
    }
  });
});

describe('the restricted document stays with those granted it', () => {
  /** Fictional, distinctive restricted details; each must never reach the reader. */
  const ADDRESS = '14 Larkspur Row, Quillbury QX9 4ZZ';
  const ADOPTER = 'Perrin Thistlewood';
  const LATER = 'Marrowgate Lodge';
  const NEEDLES = ['Larkspur', 'Quillbury', 'QX9 4ZZ', 'Thistlewood', 'Marrowgate'];

  it("never sends the restricted document's content to a user without a restricted grant", async () => {
    // The editor writes the restricted details through a real provider.
    const editor = connect(server.wsUrl, restricted, tokens.editor);
    const editorPlan = connect(server.wsUrl, plan, tokens.editor);
    try {
      await Promise.all([editor.synced(), editorPlan.synced()]);
      const record = restrictedRecord(editor.doc, liveContext('editor'));
      editor.doc.transact(() => record.text('placementAddress').insert(0, ADDRESS));
      record.table('prospectiveAdopters').insert({ name: ADOPTER });
      await editor.saved();

      // A raw socket with the editor's grant does receive it (the check below can see it).
      const control = await WireClient.open(server.wsUrl);
      await control.authenticate(restricted, tokens.editor);
      await control.sync(restricted);
      expect(NEEDLES.slice(0, 4).every((n) => control.received(n))).toBe(true);
      control.terminate();

      // The reader: plan access, no restricted grant. Every frame it receives is kept.
      const reader = await WireClient.open(server.wsUrl);
      try {
        expect(await reader.authenticate(plan, tokens.reader)).toBe('readonly');
        const readerPlan = await reader.sync(plan);
        await expect(reader.authenticate(restricted, tokens.reader)).rejects.toThrow(/forbidden/);
        await expect(reader.authenticate(`${restricted}\0session-1`, tokens.reader)).rejects.toThrow(/forbidden/);
        // Everything else it might try on the restricted document, without being let in.
        reader.send(syncStep1Message(restricted, new Y.Doc()));
        reader.send(queryAwarenessMessage(restricted));
        reader.send(updateMessage(restricted, Y.encodeStateAsUpdate(new Y.Doc())));
        reader.send(authMessage(restricted, tokens.editor.split('.').slice(0, 2).join('.') + '.forged'));
        reader.send(syncStep1Message(`${restricted}\0session-1`, new Y.Doc()));

        // Meanwhile the editor keeps working in the restricted document, with presence there.
        editor.provider.setAwarenessField('field', 'placementAddress');
        editor.doc.transact(() => record.text('placementAddress').insert(ADDRESS.length, `, then ${LATER}`));
        await editor.saved();
        // An edit of the plan, made after, reaching the reader, marks that anything sent its way has arrived.
        appendMarker(editorPlan.doc, 'after-restricted-edits');
        await editorPlan.saved();
        await eventually(() => missingMarkers(readerPlan, ['after-restricted-edits']).length === 0, 'the plan edit to reach the reader');

        expect(reader.frames.length).toBeGreaterThan(3);
        for (const needle of NEEDLES) expect(reader.received(needle), `"${needle}" reached the reader`).toBe(false);
        expect(reader.messages.filter((m) => m.document === restricted && m.kind !== 'permission-denied')).toEqual([]);
      } finally {
        reader.terminate();
      }
    } finally {
      editor.destroy();
      editorPlan.destroy();
    }
  });
});
