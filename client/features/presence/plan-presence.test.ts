/// <reference types="mocha" />
import { expect } from 'chai';
import { LitElement, html } from 'lit';
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { PresenceController } from '../../app/presence-controller.ts';
import type { PlanHandle } from '../../sync/plan-handle.ts';
import { PlanPresence, type Self } from '../../sync/presence.ts';
import '../../binding/field-presence.ts';
import { axeViolations, shadowText } from '../../testing/axe.ts';
import { provide } from '../../testing/test-contexts.ts';
import './plan-presence.ts';

/** Two people's identities as the server authenticated them. */
const AMIRA = { username: 'amira.khan', name: 'Amira Khan', role: 'Independent Reviewing Officer', organisation: 'Fictional County Council' };
const SAM = { username: 'sam.lee', name: 'Sam Lee', role: "Child's Social Worker", organisation: 'Fictional County Council' };

/**
 * Two awareness instances wired as the server wires them: every update of one reaches the other
 * with `user` rewritten to the sender's authenticated identity (whatever the sender claimed).
 */
function wired(): { a: Awareness; b: Awareness; sent: number[] } {
  const a = new Awareness(new Y.Doc());
  const b = new Awareness(new Y.Doc());
  const sent = [0, 0];
  const relay = (from: Awareness, to: Awareness, user: Self, index: number) => {
    from.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      if (origin === 'server') return;
      const clients = [...added, ...updated, ...removed].filter((id) => id === from.clientID);
      if (clients.length === 0) return;
      sent[index]!++;
      const state = from.getLocalState();
      const states = new Map(state ? [[from.clientID, { ...state, user: { ...user, readOnly: false } }]] : []);
      applyAwarenessUpdate(to, encodeAwarenessUpdate(from, clients, states), 'server');
    });
  };
  relay(a, b, AMIRA, 0);
  relay(b, a, SAM, 1);
  // The provider sends its state once on connecting.
  a.setLocalState({});
  b.setLocalState({});
  return { a, b, sent };
}

/** A page root with the presence controller, following a handle whose provider has `awareness`. */
class PresenceRoot extends LitElement {
  readonly controller: PresenceController;
  self: Self = AMIRA;
  constructor() {
    super();
    this.controller = new PresenceController(this, () => this.self);
  }
  override render() {
    return html`<plan-presence></plan-presence>
      <label for="reason">Reason for updating the plan</label>
      <input id="reason" data-field-path="ppms/ppm-1/reason" />
      <field-presence path="ppms/ppm-1/reason"></field-presence>`;
  }
}
customElements.define('presence-root', PresenceRoot);

const handleOf = (awareness: Awareness): PlanHandle => ({ provider: { awareness }, state: { readOnly: false } }) as unknown as PlanHandle;

async function root(awareness: Awareness, self: Self): Promise<PresenceRoot> {
  const el = document.createElement('presence-root') as PresenceRoot;
  el.self = self;
  document.body.append(el);
  el.controller.follow(handleOf(awareness));
  await el.updateComplete;
  return el;
}

const until = async (check: () => boolean): Promise<void> => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).to.equal(true);
};

const presenceText = (el: PresenceRoot): string => shadowText(el.shadowRoot!.querySelector('plan-presence')!);
const fieldText = (el: PresenceRoot): string => shadowText(el.shadowRoot!.querySelector('field-presence')!);

describe('presence: who is here and who edits which field', () => {
  afterEach(() => document.body.replaceChildren());

  it("lists both people with the server's name, role and organisation, a count and initials", async () => {
    const { a, b } = wired();
    const amira = await root(a, AMIRA);
    await root(b, SAM);
    await until(() => presenceText(amira).includes('Sam Lee'));
    expect(presenceText(amira)).to.contain('In this plan now: 2 people');
    expect(presenceText(amira)).to.contain('Amira Khan (you)');
    expect(presenceText(amira)).to.contain("Child's Social Worker, Fictional County Council");
    const marks = [...amira.shadowRoot!.querySelector('plan-presence')!.shadowRoot!.querySelectorAll('.person-mark')].map((m) => m.textContent);
    expect(marks).to.deep.equal(['AK', 'SL']);
    expect(await axeViolations(amira)).to.deep.equal([]);
  });

  it('ignores the identity a client claims: the name is the one the server set', async () => {
    const { a, b } = wired();
    const amira = await root(a, AMIRA);
    b.setLocalStateField('user', { username: 'amira.khan', name: 'Pretend Chair', role: 'Team Manager', organisation: 'Elsewhere' });
    await until(() => presenceText(amira).includes('Sam Lee'));
    expect(presenceText(amira)).not.to.contain('Pretend Chair');
  });

  it('says at the field who else is editing it, set on focus and cleared on blur, not per keystroke', async () => {
    const { a, b, sent } = wired();
    const amira = await root(a, AMIRA);
    const sam = await root(b, SAM);
    const input = sam.shadowRoot!.querySelector('input')!;
    const before = sent[1]!;
    input.focus();
    input.dispatchEvent(new CustomEvent('field-focus', { bubbles: true, composed: true, detail: { path: 'ppms/ppm-1/reason' } }));
    await until(() => fieldText(amira).includes('is editing'));
    expect(fieldText(amira)).to.equal("SL Sam Lee (Child's Social Worker) is editing");
    expect(presenceText(amira)).to.contain('editing a PPM record');
    // Sam does not see himself at the field.
    expect(fieldText(sam)).to.equal('');
    for (let i = 0; i < 20; i++) input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    // The same field focused again (a re-render) sends nothing new.
    input.dispatchEvent(new CustomEvent('field-focus', { bubbles: true, composed: true, detail: { path: 'ppms/ppm-1/reason' } }));
    expect(sent[1]! - before).to.equal(1);
    input.dispatchEvent(new CustomEvent('field-blur', { bubbles: true, composed: true, detail: { path: 'ppms/ppm-1/reason' } }));
    await until(() => fieldText(amira) === '');
    expect(sent[1]! - before).to.equal(2);
    expect(await axeViolations(amira)).to.deep.equal([]);
  });

  it('drops a field path that is not one (too long, or another shape)', () => {
    const { a, b } = wired();
    const presence = new PlanPresence(b, () => SAM);
    presence.focus({ path: 'x'.repeat(500) });
    presence.focus({ path: '../../etc' });
    expect(b.getLocalState()?.['field'] ?? null).to.equal(null);
    b.setLocalState({ ...b.getLocalState(), field: '<img src=x>', row: 'r1' });
    const seen = new PlanPresence(a, () => AMIRA).people().find((p) => p.username === SAM.username);
    expect(seen?.editing).to.deep.equal([]);
  });

  it('shows nothing while no plan is open, and "and n more" past the limit', async () => {
    const el = document.createElement('plan-presence');
    const host = await provide(el, {});
    expect(shadowText(el)).to.equal('');
    host.people = Array.from({ length: 53 }, (_, i) => ({ username: `p${i}`, name: `Person ${i}`, role: 'Role', organisation: 'Org', colour: '#1d70b8', initials: 'P', readOnly: i === 1, self: i === 0, editing: [] }));
    await el.updateComplete;
    expect(shadowText(el)).to.contain('In this plan now: 53 people');
    expect(shadowText(el)).to.contain('and 3 more');
    expect(shadowText(el)).to.contain('can only read');
    expect(await axeViolations(el)).to.deep.equal([]);
  });
});
