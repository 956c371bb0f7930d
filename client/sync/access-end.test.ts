/// <reference types="mocha" />
import { expect } from 'chai';
import { accessEndOfAuthFailure, accessEndOfClose, refusalOfClose } from './access-end.ts';

describe('access ends', () => {
  it('reads the named close codes 4401 to 4404', () => {
    expect(accessEndOfClose(4401, '')?.kind).to.equal('session');
    expect(accessEndOfClose(4402, '')?.reason).to.equal('token-expired');
    expect(accessEndOfClose(4403, '')).to.deep.include({ kind: 'access', reason: 'forbidden' });
    expect(accessEndOfClose(4404, '')).to.deep.include({ kind: 'access', reason: 'unknown-document' });
  });

  it('reads the reason of a document closed by the server (code 1000 on the provider)', () => {
    expect(accessEndOfClose(1000, 'forbidden')?.kind).to.equal('access');
    expect(accessEndOfClose(1000, 'unauthorized')?.kind).to.equal('session');
  });

  it('lets the provider reconnect after any other close', () => {
    for (const [code, reason] of [[1000, ''], [1001, 'server-shutting-down'], [4429, 'rate-limited'], [4413, 'message-too-large'], [1006, ''], [1000, 'constructor'], [1000, 'toString']] as const) {
      expect(accessEndOfClose(code, reason), `${code} ${reason}`).to.equal(undefined);
    }
  });

  it('asks to sign in again for an unknown refusal', () => {
    expect(accessEndOfAuthFailure('forbidden').kind).to.equal('access');
    expect(accessEndOfAuthFailure('something else')).to.deep.include({ kind: 'session', reason: 'something else' });
    expect(accessEndOfAuthFailure('__proto__').kind).to.equal('session');
  });

  it('tells the person when the server refused a change (4413, 4422, 4424, 4507), and nothing for other closes', () => {
    expect(refusalOfClose(4507, 'plan-limit')).to.contain('size limits');
    expect(refusalOfClose(1000, 'wrong-writer')).to.contain("another person's name");
    expect(refusalOfClose(4422, '')).to.contain('does not fit this plan');
    expect(refusalOfClose(4429, '')).to.equal(undefined);
    expect(refusalOfClose(4401, '')).to.equal(undefined);
    expect(accessEndOfClose(4507, 'plan-limit')).to.equal(undefined);
  });
});
