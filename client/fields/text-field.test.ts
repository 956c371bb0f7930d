/// <reference types="mocha" />
import { expect } from 'chai';
import * as Y from 'yjs';
import { axeViolations } from '../testing/axe.ts';
import { wireDocs } from '../testing/wired-docs.ts';
import { PlanTextField } from './text-field.ts';

/** A text field on `a`'s Y.Text "t", with `b` wired to it as the other person. */
async function mount(initial = ''): Promise<{ el: PlanTextField; ta: HTMLTextAreaElement; mine: Y.Text; theirs: Y.Text }> {
  const a = new Y.Doc();
  a.getText('t').insert(0, initial);
  const { b } = wireDocs(a);
  const el = document.createElement('plan-text-field');
  el.text = a.getText('t');
  el.label = 'Significant Events since last Review';
  el.dataset['fieldPath'] = 'ppms/m1/significantEvents';
  document.body.append(el);
  await el.updateComplete;
  const ta = el.shadowRoot!.querySelector('textarea')!;
  return { el, ta, mine: a.getText('t'), theirs: b.getText('t') };
}

/** Types `text` at the caret as a person would (one input event). */
function type(ta: HTMLTextAreaElement, text: string, options: InputEventInit = {}): void {
  ta.setRangeText(text, ta.selectionStart, ta.selectionEnd, 'end');
  ta.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text, ...options }));
}

function backspace(ta: HTMLTextAreaElement): void {
  ta.setRangeText('', ta.selectionStart - 1, ta.selectionEnd, 'end');
  ta.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'deleteContentBackward' }));
}

function key(ta: HTMLTextAreaElement, k: string, shift = false): void {
  ta.dispatchEvent(new KeyboardEvent('keydown', { key: k, ctrlKey: true, shiftKey: shift, bubbles: true, cancelable: true }));
}

describe('<plan-text-field>', () => {
  afterEach(() => document.body.replaceChildren());

  it('is labelled by the template label and shows the shared text', async () => {
    const { el, ta } = await mount('Settled at nursery.');
    expect(ta.value).to.equal('Settled at nursery.');
    expect(ta.labels?.[0]?.textContent).to.equal('Significant Events since last Review');
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('turns typing into minimal inserts and deletes that reach the other person', async () => {
    const { ta, theirs } = await mount('aa');
    const seen: unknown[] = [];
    theirs.observe((e) => seen.push(...e.delta));
    ta.focus();
    ta.setSelectionRange(1, 1);
    type(ta, 'a');
    expect(theirs.toString()).to.equal('aaa');
    expect(seen).to.deep.equal([{ retain: 1 }, { insert: 'a' }]);
    backspace(ta);
    expect(theirs.toString()).to.equal('aa');
    expect(seen.slice(2)).to.deep.equal([{ retain: 1 }, { delete: 1 }]);
  });

  it('keeps the caret on the same character when the other person inserts or deletes before it', async () => {
    const { ta, theirs } = await mount('Family time weekly.');
    ta.focus();
    ta.setSelectionRange(12, 12); // before "weekly"
    theirs.insert(0, 'Supervised ');
    expect(ta.value).to.equal('Supervised Family time weekly.');
    expect(ta.value.slice(ta.selectionStart)).to.equal('weekly.');
    theirs.delete(0, 'Supervised Family '.length);
    expect(ta.value).to.equal('time weekly.');
    expect(ta.value.slice(ta.selectionStart)).to.equal('weekly.');
    // A selection keeps covering the same words; an edit after it changes nothing.
    ta.setSelectionRange(5, 11, 'backward');
    theirs.insert(0, 'Family ');
    theirs.insert(theirs.length, ' At the centre.');
    expect(ta.value.slice(ta.selectionStart, ta.selectionEnd)).to.equal('weekly');
    expect(ta.selectionDirection).to.equal('backward');
  });

  it('holds the other person’s edits during IME composition and merges both after it', async () => {
    const { el, ta, mine, theirs } = await mount('Views: ');
    ta.focus();
    ta.setSelectionRange(7, 7);
    ta.dispatchEvent(new CompositionEvent('compositionstart', { data: '' }));
    type(ta, 'に', { isComposing: true, inputType: 'insertCompositionText' });
    expect(el.binding!.composing).to.equal(true);
    expect(mine.toString()).to.equal('Views: '); // nothing written while composing
    theirs.insert(0, 'Child ');
    expect(ta.value).to.equal('Views: に'); // the remote edit is held, the composition intact
    ta.setRangeText('日本', 7, 8, 'end');
    ta.dispatchEvent(new InputEvent('input', { isComposing: true, inputType: 'insertCompositionText' }));
    ta.dispatchEvent(new CompositionEvent('compositionend', { data: '日本' }));
    expect(mine.toString()).to.equal('Child Views: 日本');
    expect(theirs.toString()).to.equal('Child Views: 日本');
    expect(ta.value).to.equal('Child Views: 日本');
    expect(ta.selectionStart).to.equal('Child Views: 日本'.length);
  });

  it('undoes and redoes only this person’s edits in this field', async () => {
    const { ta, mine, theirs } = await mount('Plan.');
    ta.focus();
    ta.setSelectionRange(5, 5);
    type(ta, ' Agreed');
    theirs.insert(0, 'Draft ');
    expect(mine.toString()).to.equal('Draft Plan. Agreed');
    key(ta, 'z');
    expect(mine.toString()).to.equal('Draft Plan.');
    expect(ta.value).to.equal('Draft Plan.');
    key(ta, 'z', true);
    expect(theirs.toString()).to.equal('Draft Plan. Agreed');
    key(ta, 'z');
    key(ta, 'y');
    expect(ta.value).to.equal('Draft Plan. Agreed');
  });

  it('is not re-rendered on remote keystrokes: the textarea is updated in place', async () => {
    const { el, ta, theirs } = await mount('');
    const mutations: MutationRecord[] = [];
    const watcher = new MutationObserver((m) => mutations.push(...m));
    watcher.observe(el.shadowRoot!, { subtree: true, childList: true, attributes: true, characterData: true });
    const update = el.updateComplete;
    for (const ch of 'Remote typing') theirs.insert(theirs.length, ch);
    await update;
    await new Promise((r) => setTimeout(r, 0));
    watcher.disconnect();
    expect(ta.value).to.equal('Remote typing');
    expect(mutations).to.deep.equal([]);
    expect(el.shadowRoot!.querySelector('textarea')).to.equal(ta);
    expect(el.isUpdatePending).to.equal(false);
  });

  it('says when a person moves into and out of it, with its path', async () => {
    const { el, ta } = await mount('');
    el.dataset['rowId'] = 'r1';
    const events: [string, unknown][] = [];
    document.body.addEventListener('field-focus', (e) => events.push(['focus', e.detail]));
    document.body.addEventListener('field-blur', (e) => events.push(['blur', e.detail]));
    ta.focus();
    ta.blur();
    expect(events).to.deep.equal([
      ['focus', { path: 'ppms/m1/significantEvents', rowId: 'r1' }],
      ['blur', { path: 'ppms/m1/significantEvents', rowId: 'r1' }],
    ]);
  });
});
