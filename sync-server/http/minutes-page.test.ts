import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fixedContext } from '../../model/context.ts';
import { Plan } from '../../model/plan.ts';
import { templates } from '../../templates/index.ts';
import { newPlan } from '../testing/plan-fixture.ts';
import { escapeHtml, renderMinutes } from './minutes-page.ts';

const form = templates.require('ppm', 'ppm');

function plan(): Plan {
  const base = newPlan('cminutes');
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base.doc));
  return new Plan(doc, base.spec, fixedContext('Asha Patel', 'm'));
}

const version = { name: 'PPM 2026-11-03, minutes agreed', createdAt: '2026-11-03T14:05:00Z' };
const createdBy = { name: 'Asha Patel', role: "Child's Social Worker" };
const generatedAt = new Date('2026-11-04T09:30:00Z');

describe('the minutes of a version', () => {
  it('lays out the latest meeting by the PPM template, with its tables and the four views', () => {
    const p = plan();
    p.addMeeting({ meetingDate: '2026-08-01' });
    const id = p.addMeeting({ meetingDate: '2026-11-03', meetingType: 'Permanence Care Planning Meeting' });
    const meeting = p.ppms.row(id)!;
    meeting.table('people').insert({ name: 'Jordan Blake', role: 'Independent Reviewing Officer', invited: true, attended: true });
    const d = meeting.table('decisions');
    d.row(d.insert({ targetDate: '2026-12-01' }))!.replaceText('decision', 'Start family finding');
    meeting.replaceText('childView', 'Likes the garden.\nWants to see her brother.');

    const { html } = renderMinutes({ plan: p, form, version, createdBy, generatedAt });
    expect(html).toMatch(/^<!doctype html>\n<html lang="en-GB">/);
    expect(html).toContain('<h1>Rowan Example</h1>');
    expect(html).toContain('Meeting 2 of 2, held on 3 November 2026');
    expect(html).toContain('3 November 2026 at 14:05 by Asha Patel (Child&#39;s Social Worker)');
    for (const s of form.sections) expect(html).toContain(`>${escapeHtml(s.title)}</h2>`);
    expect(html).toContain('<caption class="visually-hidden">People Involved in Developing this Plan</caption>');
    expect(html).toContain('<td>Jordan Blake</td>');
    expect(html).toContain('<td>Start family finding</td>');
    expect(html).toContain('<td>1 December 2026</td>');
    expect(html).toContain('Likes the garden.\nWants to see her brother.');
    for (const f of form.sections.find((s) => s.id === 'views')!.fields) expect(html).toContain(`<dt>${escapeHtml(f.label)}</dt>`);
    expect(html).toContain('@media print');
    expect(html).toContain('size: A4');
    expect(html).not.toMatch(/<script|javascript:|\son\w+=/i);
  });

  it('escapes every piece of text from the plan and the version', () => {
    const p = plan();
    p.child.set('name', '<script>alert(1)</script> & "Co"');
    const id = p.addMeeting({ meetingDate: '2026-11-03' });
    p.ppms.row(id)!.replaceText('significantEvents', '<img src=x onerror=alert(1)>');
    const { html } = renderMinutes({ plan: p, form, version: { ...version, name: '</title><script>x</script>' }, createdBy, generatedAt });
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62; &#38; &#34;Co&#34;');
  });

  it('says so when the version holds no meeting, and still shows the child', () => {
    const { html } = renderMinutes({ plan: plan(), form, version, createdBy, generatedAt });
    expect(html).toContain('No meeting had been recorded when this version was saved.');
    expect(html).toContain("Child / young person&#39;s details");
    expect(html).not.toContain('>Decisions</h2>');
  });

  it('shows every kept value of a field in conflict, with who and when', () => {
    const p = plan();
    const a = new Plan(new Y.Doc(), p.spec, fixedContext('Asha Patel', 'ca', new Date('2026-11-03T10:00:00Z')));
    const b = new Plan(new Y.Doc(), p.spec, fixedContext('Ben Okafor', 'cb', new Date('2026-11-03T10:05:00Z')));
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(p.doc));
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(p.doc));
    a.child.set('gender', 'Female');
    b.child.set('gender', 'Not stated');
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc));
    const { html } = renderMinutes({ plan: a, form, version, createdBy, generatedAt });
    expect(html).toContain('Conflict to resolve: “Not stated” (Ben Okafor, 3 November 2026 at 10:05) or “Female” (Asha Patel, 3 November 2026 at 10:00)');
  });

  it('names a writer by their full name and username, as the audit records them', () => {
    const p = plan();
    const a = new Plan(new Y.Doc(), p.spec, fixedContext('asha.patel', 'ca', new Date('2026-11-03T10:00:00Z')));
    const b = new Plan(new Y.Doc(), p.spec, fixedContext('ben.okafor', 'cb', new Date('2026-11-03T10:05:00Z')));
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(p.doc));
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(p.doc));
    a.child.set('gender', 'Female');
    b.child.set('gender', 'Not stated');
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc));
    const writers = new Map([['asha.patel', 'Asha Patel']]);
    const { html } = renderMinutes({ plan: a, form, version, createdBy, generatedAt, writers });
    expect(html).toContain('“Not stated” (ben.okafor, 3 November 2026 at 10:05) or “Female” (Asha Patel (asha.patel), 3 November 2026 at 10:00)');
  });

  it('allows only its own style by hash', () => {
    const { html, contentSecurityPolicy } = renderMinutes({ plan: plan(), form, version, createdBy, generatedAt });
    const style = /<style>([\s\S]*)<\/style>/.exec(html)![1]!;
    const hash = createHash('sha256').update(style).digest('base64');
    expect(contentSecurityPolicy).toContain(`style-src 'sha256-${hash}'`);
    expect(contentSecurityPolicy).toContain("default-src 'none'");
  });

  it('picks the latest meeting by date, else the one added last', () => {
    const p = plan();
    const later = p.addMeeting({ meetingDate: '2026-11-03' });
    p.addMeeting({ meetingDate: '2026-05-01' });
    expect(p.latestMeeting()?.meeting.id).toBe(later);
    const undated = plan();
    undated.addMeeting();
    const last = undated.addMeeting();
    expect(undated.latestMeeting()?.meeting.id).toBe(last);
    expect(plan().latestMeeting()).toBeUndefined();
  });
});
