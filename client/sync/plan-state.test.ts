/// <reference types="mocha" />
import { expect } from 'chai';
import type { OpenedPlan } from '../../model/open-plan.ts';
import { demoPlan } from '../testing/demo-plan.ts';
import { loadOf, LOADING, NOT_ON_DEVICE } from './plan-load.ts';
import { initialState, nextState, syncStateOf, type PlanEvent, type PlanState } from './plan-state.ts';

const run = (events: readonly PlanEvent[], from: PlanState = initialState(false)): PlanState => events.reduce(nextState, from);
const link = (socket: 'connecting' | 'connected' | 'disconnected', synced = false, unsynced = 0, online = true): PlanEvent => ({ type: 'link', socket, online, synced, unsynced });
const forbidden = { kind: 'access', reason: 'forbidden', message: 'No access.' } as const;

describe('plan handle states', () => {
  it('goes connecting, connected, saved, saving and saved again as the link and acknowledgements say', () => {
    const phases = [
      [],
      [link('connected')],
      [link('connected'), { type: 'synced', synced: true, unsynced: 0 }],
      [link('connected'), { type: 'synced', synced: true, unsynced: 0 }, { type: 'unsynced', unsynced: 2 }],
      [link('connected'), { type: 'synced', synced: true, unsynced: 0 }, { type: 'unsynced', unsynced: 2 }, { type: 'unsynced', unsynced: 0 }],
    ].map((events) => syncStateOf(run(events as PlanEvent[])).phase);
    expect(phases).to.deep.equal(['connecting', 'connected', 'saved', 'saving', 'saved']);
  });

  it('counts changes made here until the server has acknowledged everything, and knows whether this device keeps a copy', () => {
    const online = run([link('connected'), { type: 'synced', synced: true, unsynced: 0 }, { type: 'stored' }]);
    expect(syncStateOf(online)).to.include({ pending: 0, copy: 'kept' });
    const offline = run([link('disconnected'), { type: 'edited' }, { type: 'edited' }, { type: 'edited' }], online);
    expect(syncStateOf(offline)).to.include({ phase: 'offline', pending: 3 });
    const back = run([link('connected', true, 1)], offline);
    expect(syncStateOf(back)).to.include({ phase: 'saving', pending: 3 });
    expect(syncStateOf(run([{ type: 'unsynced', unsynced: 0 }], back))).to.include({ phase: 'saved', pending: 0 });
    expect(syncStateOf(run([{ type: 'no-copy' }])).copy).to.equal('none');
  });

  it('keeps the server\'s words when it refuses a change, until a change made after it is all stored', () => {
    const saved = run([link('connected'), { type: 'synced', synced: true, unsynced: 0 }, { type: 'edited' }, { type: 'unsynced', unsynced: 1 }]);
    const refused = run([{ type: 'refused', message: 'Too big.' }, { type: 'synced', synced: false, unsynced: 0 }], saved);
    expect(syncStateOf(refused).refused).to.equal('Too big.');
    // Reconnected and synced again, but nothing changed since: the refused change is still here, and so is the alert.
    const again = run([link('connected', true, 0)], refused);
    expect(syncStateOf(again)).to.include({ phase: 'saved', refused: 'Too big.' });
    // The person changes what they wrote and it is all stored: the refusal is over.
    const mended = run([{ type: 'edited' }, { type: 'unsynced', unsynced: 1 }, { type: 'unsynced', unsynced: 0 }], again);
    expect(syncStateOf(mended).refused).to.equal(undefined);
    expect(syncStateOf(mended).phase).to.equal('saved');
  });

  it('is offline when the socket drops or the browser is offline, and stays offline while reconnecting', () => {
    const dropped = run([link('connected', true), link('disconnected')]);
    expect(syncStateOf(dropped).phase).to.equal('offline');
    expect(syncStateOf(run([link('connecting')], dropped)).phase).to.equal('offline');
    expect(syncStateOf(run([link('connected', true, 0, false)])).phase).to.equal('offline');
    expect(syncStateOf(run([link('connected', true, 1)], dropped)).phase).to.equal('saving');
  });

  it('opens once, and says when this device has no copy and the server cannot be reached', () => {
    expect(loadOf(initialState(false))).to.deep.equal({ status: 'waiting', message: LOADING });
    expect(loadOf(run([{ type: 'stored' }, link('disconnected')]))).to.deep.equal({ status: 'waiting', message: NOT_ON_DEVICE });
    const open: OpenedPlan = { ok: true, ...demoPlan() };
    const ready = run([{ type: 'opened', open }]);
    expect(ready.doc).to.deep.equal({ name: 'ready', open });
    expect(run([{ type: 'unopenable', message: 'late' }], ready)).to.equal(ready);
    expect(loadOf(run([{ type: 'unopenable', message: 'Unknown templates.' }]))).to.deep.equal({ status: 'failed', message: 'Unknown templates.' });
  });

  it('ends for good when the server ends access, and nothing moves a closed handle', () => {
    const ended = run([link('connected', true), { type: 'ended', end: forbidden }]);
    expect(syncStateOf(ended)).to.deep.equal({ phase: 'access-ended', readOnly: false, detail: 'No access.' });
    expect(run([link('connected', true), { type: 'opened', open: { ok: true as const, ...demoPlan() } }], ended)).to.equal(ended);
    const closed = run([{ type: 'closed' }], ended);
    expect(closed.doc.name).to.equal('closed');
    expect(run([{ type: 'ended', end: forbidden }, link('connected')], closed)).to.equal(closed);
  });

  it('follows the access the server grants', () => {
    expect(syncStateOf(run([{ type: 'authenticated', readOnly: true }])).readOnly).to.equal(true);
    expect(syncStateOf(run([{ type: 'authenticated', readOnly: false }], initialState(true))).readOnly).to.equal(false);
  });
});
