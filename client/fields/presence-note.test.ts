/// <reference types="mocha" />
import { ContextProvider } from '@lit/context';
import { expect } from 'chai';
import * as Y from 'yjs';
import { presenceContext, type FieldPresence } from '../binding/presence-context.ts';
import { axeViolations } from '../testing/axe.ts';
import { demoPlan } from '../testing/demo-plan.ts';
import './register-field.ts';
import './text-field.ts';

const morgan = { name: 'Morgan Reed', role: 'Team Manager', organisation: 'Children in Care Team', colour: '#1d70b8' };

describe('presence at the field', () => {
  afterEach(() => document.body.replaceChildren());

  it('names who is editing this field (and row), in words, and follows changes', async () => {
    const wrapper = document.createElement('div');
    const provider = new ContextProvider(wrapper, { context: presenceContext, initialValue: [] as FieldPresence });
    document.body.append(wrapper);
    const doc = new Y.Doc();
    const text = document.createElement('plan-text-field');
    text.text = doc.getText('t');
    text.label = 'Decision';
    text.dataset['fieldPath'] = 'ppms/m1/decisions.decision';
    text.dataset['rowId'] = 'r2';
    const open = demoPlan(true);
    const register = document.createElement('plan-register-field');
    register.record = open.plan.child;
    register.field = open.plan.child.spec.fields.find((f) => f.id === 'dateOfBirth')!;
    register.label = 'Date of birth';
    register.dataset['fieldPath'] = `child/${open.plan.child.id}/dateOfBirth`;
    wrapper.append(text, register);
    await text.updateComplete;
    await register.updateComplete;
    const note = (el: Element): string => el.shadowRoot!.querySelector('.presence-list')?.textContent?.trim() ?? '';
    expect(note(text)).to.equal('');

    provider.setValue([
      { ...morgan, path: 'ppms/m1/decisions.decision', rowId: 'r1' },
      { ...morgan, path: `child/${open.plan.child.id}/dateOfBirth` },
    ]);
    await text.updateComplete;
    await register.updateComplete;
    expect(note(text)).to.equal(''); // another row of the same column
    expect(note(register)).to.equal('✎ Morgan Reed (Team Manager, Children in Care Team) is editing');

    provider.setValue([{ ...morgan, path: 'ppms/m1/decisions.decision', rowId: 'r2' }]);
    await text.updateComplete;
    await register.updateComplete;
    expect(note(text)).to.equal('✎ Morgan Reed (Team Manager, Children in Care Team) is editing');
    expect(note(register)).to.equal('');
    expect(await axeViolations(text)).to.deep.equal([]);
  });
});
