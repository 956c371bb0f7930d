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
  ['connecting', 'Connecting…'],
  ['connected', 'Connected'],
  ['saving', 'Saving…'],
  ['saved', 'All changes saved'],
  ['offline', 'Offline — changes kept on this device'],
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

  it('says in words when access is read only, outside the live region', async () => {
    const el = await mount({ phase: 'saved', readOnly: true });
    expect(shadowText(el.shadowRoot!.querySelector('.read-only')!)).to.equal(READ_ONLY_TEXT);
    expect(shadowText(region(el))).to.equal('All changes saved');
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
    expect(shadowText(before)).to.equal('Offline — changes kept on this device');
  });

  it('follows the sync state from the context', async () => {
    const host = document.createElement('div');
    const provider = new ContextProvider(host, { context: syncStateContext, initialValue: { phase: 'saving', readOnly: false } });
    document.body.append(host);
    const el = document.createElement('sync-status');
    host.append(el);
    await el.updateComplete;
    expect(shadowText(region(el))).to.equal('Saving…');
    provider.setValue({ phase: 'saved', readOnly: false });
    await el.updateComplete;
    expect(shadowText(region(el))).to.equal('All changes saved');
  });

  it('has no serious or critical axe-core findings in any state', async () => {
    for (const [phase] of PHASES) expect(await axeViolations(await mount({ phase, readOnly: true, detail: 'Why' }))).to.deep.equal([]);
  });
});
