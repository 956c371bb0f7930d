/// <reference types="mocha" />
import { ContextProvider } from '@lit/context';
import { expect } from 'chai';
import { READ_ONLY_TEXT, SYNC_TEXT, syncStateContext, type SyncPhase, type SyncState } from '../../sync/sync-state.ts';
import { provide, type TestContexts } from '../../testing/test-contexts.ts';
import { SyncStatus } from './sync-status.ts';
import { axeViolations, shadowText } from '../../testing/axe.ts';

async function mount(state: SyncState | undefined): Promise<SyncStatus> {
  const el = document.createElement('sync-status');
  await provide(el, { sync: state });
  return el;
}

const region = (el: SyncStatus): HTMLElement => el.shadowRoot!.querySelector<HTMLElement>('[role=status]')!;

const PHASES: [SyncPhase, string][] = [
  ['connecting', 'Connecting to the server…'],
  ['connected', 'Connected: catching up with the server…'],
  ['saving', 'Sent: waiting for the server to store it'],
  ['saved', 'Stored on the server'],
  ['offline', 'Offline: changes are kept on this device'],
  ['access-ended', 'Access ended'],
];

describe('<sync-status>', () => {
  afterEach(() => document.body.replaceChildren());

  it('is registered under its tag name', () => {
    expect(customElements.get('sync-status')).to.equal(SyncStatus);
  });

  for (const [phase, words] of PHASES) {
    it(`says "${words}" for ${phase}, in a polite live region, with a shape`, async () => {
      const el = await mount({ phase, readOnly: false });
      expect(SYNC_TEXT[phase]).to.equal(words);
      expect(region(el).getAttribute('aria-live')).to.equal('polite');
      expect(shadowText(region(el))).to.equal(words);
      expect(region(el).querySelector('svg')!.getAttribute('aria-hidden')).to.equal('true');
    });
  }

  it('gives each phase its own shape, so none is told by colour alone', async () => {
    const shapes = new Set<string>();
    for (const [phase] of PHASES) shapes.add((await mount({ phase, readOnly: false })).shadowRoot!.querySelector('svg')!.innerHTML);
    expect(shapes.size).to.equal(PHASES.length);
  });

  it('says why access ended', async () => {
    const el = await mount({ phase: 'access-ended', readOnly: false, detail: "You do not have access to this child's plan." });
    expect(shadowText(region(el))).to.equal("Access ended You do not have access to this child's plan.");
  });

  it('says in an alert why the server refused a change, and never "Stored on the server" meanwhile', async () => {
    const el = await mount({ phase: 'saved', readOnly: false, refused: 'The server refused a change that would take this plan past one of its size limits.' });
    expect(shadowText(region(el))).to.equal('Your last change was not stored');
    const alert = el.shadowRoot!.querySelector('[role=alert]')!;
    expect(shadowText(alert)).to.contain('past one of its size limits');
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('says in words when access is read only, outside the live region', async () => {
    const el = await mount({ phase: 'saved', readOnly: true });
    expect(shadowText(el.shadowRoot!.querySelector('.read-only')!)).to.equal(READ_ONLY_TEXT);
    expect(shadowText(region(el))).to.equal('Stored on the server');
  });

  it('keeps the live region in place while the state changes, so changes are announced', async () => {
    const el = await mount(undefined);
    const before = region(el);
    expect(shadowText(before)).to.equal('');
    const host = el.parentElement as TestContexts;
    host.sync = { phase: 'connecting', readOnly: false };
    await el.updateComplete;
    host.sync = { phase: 'offline', readOnly: false };
    await el.updateComplete;
    expect(region(el)).to.equal(before);
    expect(shadowText(before)).to.equal('Offline: changes are kept on this device');
  });

  it('follows the sync state from the context', async () => {
    const host = document.createElement('div');
    const provider = new ContextProvider(host, { context: syncStateContext, initialValue: { phase: 'saving', readOnly: false } });
    document.body.append(host);
    const el = document.createElement('sync-status');
    host.append(el);
    await el.updateComplete;
    expect(shadowText(region(el))).to.equal('Sent: waiting for the server to store it');
    provider.setValue({ phase: 'saved', readOnly: false });
    await el.updateComplete;
    expect(shadowText(region(el))).to.equal('Stored on the server');
  });

  it('says "Saved on this device" for changes not sent yet, and how many', async () => {
    const el = await mount({ phase: 'connecting', readOnly: false, pending: 2, copy: 'kept' });
    expect(shadowText(region(el))).to.equal('Saved on this device');
    expect(shadowText(el.shadowRoot!.querySelector('.advice')!)).to.equal('2 changes to send once connected.');
  });

  it('says offline how many changes are kept on this device, beside the live region, not in it', async () => {
    const el = await mount({ phase: 'offline', readOnly: false, pending: 1, copy: 'kept' });
    const host = el.parentElement as TestContexts;
    expect(shadowText(region(el))).to.equal('Offline: changes kept on this device');
    expect(shadowText(el.shadowRoot!.querySelector('.advice')!)).to.contain('1 change kept on this device, sent when the connection is back.');
    host.sync = { phase: 'offline', readOnly: false, pending: 7, copy: 'kept' };
    await el.updateComplete;
    // Typing offline changes the count, not the announced words.
    expect(shadowText(region(el))).to.equal('Offline: changes kept on this device');
    expect(shadowText(el.shadowRoot!.querySelector('.advice')!)).to.contain('7 changes kept on this device');
    expect(region(el).contains(el.shadowRoot!.querySelector('.advice'))).to.equal(false);
  });

  it('says what to do when this device cannot keep a copy', async () => {
    const el = await mount({ phase: 'offline', readOnly: false, pending: 3, copy: 'none' });
    expect(shadowText(region(el))).to.equal('Offline: changes are not kept on this device');
    expect(shadowText(el.shadowRoot!.querySelector('.advice')!)).to.equal('3 changes not yet sent. Keep this page open until the connection is back; closing it loses them.');
    const saving = await mount({ phase: 'saving', readOnly: false, pending: 1, copy: 'none' });
    expect(shadowText(saving.shadowRoot!.querySelector('.advice')!)).to.contain('keep this page open until it says Stored on the server');
  });

  it('has no serious or critical axe-core findings in any state', async () => {
    for (const [phase] of PHASES) expect(await axeViolations(await mount({ phase, readOnly: true, detail: 'Why' }))).to.deep.equal([]);
  });
});
