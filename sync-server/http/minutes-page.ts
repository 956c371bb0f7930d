/**
 * Printable minutes of a named version: one self-contained HTML page (no scripts, no external
 * resources) holding the PPM record of the latest meeting in that version, laid out by the PPM
 * template's sections, fields and tables (people involved, decisions, the four views ...), with
 * a header naming the child, the version and its date. Print styles set A4 pages, keep table
 * headers on every page and avoid breaking a row or a heading from what follows.
 *
 * Every piece of text from the plan is escaped. A field in conflict shows every kept value with
 * who wrote it and when, in words, as the live view does. The page is served with a Content
 * Security Policy that allows only its own style element (by hash).
 */
import { createHash } from 'node:crypto';
import type { Plan } from '../../model/plan.ts';
import type { RecordView } from '../../model/record-view.ts';
import type { RegisterEntry } from '../../model/register.ts';
import type { FieldSpec, FormTemplate, SectionSpec, TableSpec } from '../../model/template/form.ts';
import { formatValue, NOT_RECORDED, ukMoment } from '../../model/words.ts';

/** What the minutes of a version are made from. */
export interface MinutesInput {
  /** The plan as the version holds it. */
  readonly plan: Plan;
  /** The PPM form template the plan was made from. */
  readonly form: FormTemplate;
  readonly version: { readonly name: string; readonly createdAt: string };
  readonly createdBy: { readonly name: string; readonly role: string | null };
  /** When the page is made (shown as "Printed"). */
  readonly generatedAt: Date;
  /**
   * The full names of writers by username: a value's `by` is its writer's username (the identity
   * the audit records), shown as "Full Name (username)"; a `by` not here is shown as written
   * (values written before writers were checked, the server's own "Administrator").
   */
  readonly writers?: ReadonlyMap<string, string>;
}

/** The page and the Content-Security-Policy header to serve it with. */
export interface MinutesPage {
  readonly html: string;
  readonly contentSecurityPolicy: string;
}

const STYLE = `
@page { size: A4; margin: 18mm 16mm 20mm; }
:root { color: #0b0c0c; background: #fff; font-family: Arial, "Helvetica Neue", Helvetica, sans-serif; line-height: 1.45; }
body { max-width: 60rem; margin: 0 auto; padding: 1.5rem; }
header { border-bottom: 4px solid #0b0c0c; margin-bottom: 1rem; }
.kicker { margin: 0; font-size: 1.1rem; color: #383f43; }
h1 { font-size: 2rem; margin: 0.1rem 0 0.6rem; }
h2 { font-size: 1.35rem; margin: 1.6rem 0 0.6rem; padding-bottom: 0.2rem; border-bottom: 2px solid #b1b4b6; }
dl { display: grid; grid-template-columns: minmax(10rem, 35%) 1fr; gap: 0.3rem 1.25rem; margin: 0 0 0.75rem; }
dt { font-weight: 700; }
dd { margin: 0; white-space: pre-wrap; overflow-wrap: break-word; }
.facts { grid-template-columns: max-content 1fr; }
.empty { color: #505a5f; font-style: italic; }
.conflict { display: block; margin-top: 0.2rem; padding: 0.1rem 0.4rem; border-left: 4px solid #d4351c; }
.confidential { font-weight: 700; margin: 0 0 0.75rem; }
table { border-collapse: collapse; width: 100%; margin: 0.4rem 0 1rem; font-size: 0.95rem; }
caption { text-align: left; font-weight: 700; padding-bottom: 0.25rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
th, td { border: 1px solid #505a5f; padding: 0.3rem 0.45rem; text-align: left; vertical-align: top; white-space: pre-wrap; overflow-wrap: break-word; }
th { background: #f3f2f1; }
thead { display: table-header-group; }
footer { margin-top: 2rem; border-top: 1px solid #b1b4b6; padding-top: 0.5rem; color: #383f43; font-size: 0.9rem; }
@media print {
  :root { font-size: 10.5pt; }
  body { max-width: none; padding: 0; }
  h1 { font-size: 18pt; }
  h2 { font-size: 13pt; break-after: avoid; page-break-after: avoid; }
  caption, dt { break-after: avoid; page-break-after: avoid; }
  tr, dd { break-inside: avoid; page-break-inside: avoid; }
  th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  table { font-size: 9.5pt; }
}
`;

/**
 * The CSP source of the minutes' one stylesheet (a constant): the minutes page's own policy and
 * the app page's (which shows a version's minutes in a frame of its own) allow that stylesheet
 * and no other inline style.
 */
export const MINUTES_STYLE_HASH = `sha256-${createHash('sha256').update(STYLE, 'utf8').digest('base64')}`;

/** HTML text escaping for element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The minutes page of a version. */
export function renderMinutes(input: MinutesInput): MinutesPage {
  const { plan, form, version, createdBy, generatedAt } = input;
  const writer = (by: string): string => {
    const name = input.writers?.get(by);
    return name !== undefined && name !== by ? `${name} (${by})` : by;
  };
  const nameValue = plan.child.value('name');
  const childName = typeof nameValue === 'string' && nameValue.trim() !== '' ? nameValue : 'Name not recorded';
  const latest = plan.latestMeeting();
  const meetingDate = latest ? latest.meeting.value('meetingDate') : undefined;
  const meetingWords = latest
    ? `Meeting ${latest.index + 1} of ${latest.count}${typeof meetingDate === 'string' ? `, held on ${formatValue({ kind: 'date' }, meetingDate)}` : ', date not recorded'}`
    : 'No meeting had been recorded when this version was saved.';
  const by = createdBy.role ? `${createdBy.name} (${createdBy.role})` : createdBy.name;
  const sections = form.sections
    .map((s) => (s.scope === 'child' ? section(s, plan.child, writer) : latest ? section(s, latest.meeting, writer) : ''))
    .filter((s) => s !== '')
    .join('\n');
  const html = `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`PPM minutes: ${childName}, ${version.name}`)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<p class="kicker">${escapeHtml(form.title)}: minutes</p>
<h1>${escapeHtml(childName)}</h1>
<dl class="facts">
<dt>Version</dt><dd>${escapeHtml(version.name)}</dd>
<dt>Saved</dt><dd>${escapeHtml(`${ukMoment(version.createdAt)} by ${by}`)}</dd>
<dt>Meeting</dt><dd>${escapeHtml(meetingWords)}</dd>
<dt>Printed</dt><dd>${escapeHtml(ukMoment(generatedAt.toISOString()))}</dd>
</dl>
<p class="confidential">Confidential: part of the child's case record. Keep and share it as the case record is kept and shared.</p>
</header>
<main>
${sections}
</main>
<footer>
<p>${escapeHtml(`From the version "${version.name}" of ${childName}'s permanence plan, laid out by the ${form.title} template (${form.id} ${form.version}). Later changes to the plan are not shown.`)}</p>
</footer>
</body>
</html>
`;
  return {
    html,
    contentSecurityPolicy: `default-src 'none'; style-src '${MINUTES_STYLE_HASH}'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'`,
  };
}

/** How a value's writer is shown. */
type WriterWords = (by: string) => string;

function section(s: SectionSpec, record: RecordView, writer: WriterWords): string {
  const id = `section-${s.id}`;
  const fields = s.fields.length > 0 ? `<dl>\n${s.fields.map((f) => `<dt>${escapeHtml(f.label)}</dt><dd>${value(f, record, writer)}</dd>`).join('\n')}\n</dl>` : '';
  const tables = s.tables.map((t) => table(t, record, t.label === s.title, writer)).join('\n');
  return `<section aria-labelledby="${escapeHtml(id)}">\n<h2 id="${escapeHtml(id)}">${escapeHtml(s.title)}</h2>\n${fields}${tables}\n</section>`;
}

function value(field: FieldSpec, record: RecordView, writer: WriterWords): string {
  if (!record.spec.fields.some((f) => f.id === field.id)) return `<span class="empty">${NOT_RECORDED}</span>`;
  if (field.kind === 'text') {
    const text = record.text(field.id).toString();
    return text.trim() !== '' ? escapeHtml(text) : `<span class="empty">${NOT_RECORDED}</span>`;
  }
  const state = record.get(field.id);
  const shown = state.value === undefined ? `<span class="empty">${NOT_RECORDED}</span>` : escapeHtml(formatValue(field, state.value));
  if (state.conflicts.length === 0) return shown;
  const kept = [state.current, ...state.conflicts].filter((e): e is RegisterEntry => e !== undefined);
  const words = kept.map((e) => `“${formatValue(field, e.value)}” (${writer(e.by)}, ${ukMoment(e.at)})`).join(' or ');
  return `${shown}<span class="conflict">${escapeHtml(`Conflict to resolve: ${words}`)}</span>`;
}

/** A table; its caption stays for screen readers but is hidden when it repeats the section heading. */
function table(t: TableSpec, record: RecordView, captionRepeatsHeading: boolean, writer: WriterWords): string {
  const rows = record.spec.tables.some((x) => x.id === t.id) ? record.table(t.id).rows() : [];
  const head = `<thead><tr>${t.columns.map((c) => `<th scope="col">${escapeHtml(c.label)}</th>`).join('')}</tr></thead>`;
  const body =
    rows.length === 0
      ? `<tr><td colspan="${t.columns.length}" class="empty">None recorded</td></tr>`
      : rows.map((row) => `<tr>${t.columns.map((c) => `<td>${value(c, row, writer)}</td>`).join('')}</tr>`).join('\n');
  return `<table>\n<caption${captionRepeatsHeading ? ' class="visually-hidden"' : ''}>${escapeHtml(t.label)}</caption>\n${head}\n<tbody>\n${body}\n</tbody>\n</table>`;
}
