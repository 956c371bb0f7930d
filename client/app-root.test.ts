/// <reference types="mocha" />
import { expect } from 'chai';
import { AppRoot } from './app-root.ts';

/** Mounts a fresh `<app-root>` in the document and waits for its first render. */
async function mount(): Promise<AppRoot> {
  const element = document.createElement('app-root');
  document.body.append(element);
  await element.updateComplete;
  return element;
}

describe('<app-root>', () => {
  afterEach(() => {
    document.body.replaceChildren();
  });

  it('is registered under its tag name', () => {
    expect(customElements.get('app-root')).to.equal(AppRoot);
  });

  it('renders the product heading as the only h1', async () => {
    const element = await mount();
    const headings = element.shadowRoot?.querySelectorAll('h1') ?? [];
    expect(headings).to.have.length(1);
    expect(headings[0]?.textContent?.trim()).to.equal('Permanence planning board');
  });

  it('shows the demo plan in a PPM record view', async () => {
    const element = await mount();
    const view = element.shadowRoot?.querySelector('ppm-record-view');
    expect(view, 'ppm-record-view').to.exist;
    await view!.updateComplete;
    expect(view!.shadowRoot!.querySelector('h2')?.textContent).to.contain('Rowan Example');
    expect(view!.shadowRoot!.querySelectorAll('tbody tr').length).to.be.greaterThan(3);
  });
});
