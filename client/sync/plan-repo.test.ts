/// <reference types="mocha" />
import { expect } from 'chai';
import { templates } from '../../templates/index.ts';
import { collabUrl, PlanRepo } from './plan-repo.ts';

/** Nothing listens here: handles stay connecting, which is all these tests need. */
const NOWHERE = 'ws://127.0.0.1:9/collab';

describe('plan repo', () => {
  it('writes the collaboration endpoint of the server that served the page', () => {
    expect(collabUrl({ protocol: 'https:', host: 'board.example' })).to.equal('wss://board.example/collab');
    expect(collabUrl({ protocol: 'http:', host: '127.0.0.1:8080' })).to.equal('ws://127.0.0.1:8080/collab');
  });

  it('opens every plan on one shared socket, each provider attached to it, and closes the socket with the last plan', async () => {
    const repo = new PlanRepo({ url: () => NOWHERE, templates });
    const a = repo.open({ childId: 'child-a', token: () => 't', actor: 'Asha Patel', persist: false });
    const b = repo.open({ childId: 'child-b', token: () => 't', actor: 'Asha Patel', persist: false });
    expect(a.provider.configuration.websocketProvider).to.equal(b.provider.configuration.websocketProvider);
    expect([a.provider.isAttached, b.provider.isAttached]).to.deep.equal([true, true]);
    expect([a.sync.phase, a.load.status]).to.deep.equal(['connecting', 'waiting']);
    const socket = a.provider.configuration.websocketProvider;
    await repo.close(a);
    expect(repo.handles.size).to.equal(1);
    expect(a.state.doc.name).to.equal('closed');
    const c = repo.open({ childId: 'child-c', token: () => 't', actor: 'Asha Patel', persist: false });
    expect(c.provider.configuration.websocketProvider).to.equal(socket);
    await repo.close(b);
    await repo.close(c);
    expect(repo.handles.size).to.equal(0);
    const d = repo.open({ childId: 'child-d', token: () => 't', actor: 'Asha Patel', persist: false });
    expect(d.provider.configuration.websocketProvider).not.to.equal(socket);
    await repo.close(d);
  });

  it('rejects whenReady when the handle closes before the plan arrives', async () => {
    const repo = new PlanRepo({ url: () => NOWHERE, templates });
    const handle = repo.open({ childId: 'child-a', token: () => 't', actor: 'Asha Patel', persist: false });
    const ready = handle.whenReady();
    await repo.close(handle);
    let error: unknown;
    await ready.catch((e: unknown) => (error = e));
    expect(String(error)).to.contain('closed');
  });
});
