/**
 * The list of practice documents the templates are built from (`templates/sources.json`): each
 * document's file name, the title practitioners know it by, its publisher and the sections the
 * templates take facts from, and the short form people cite it by. Kept in the repository so that
 * templates are checked against it without the source documents beside the clone.
 */
import * as z from 'zod';

export const SourceSection = z.object({
  /** How a template's source section begins when it cites this section, e.g. "8", "Appendix 6", "Practice Standards table". */
  id: z.string().min(1).max(200),
  title: z.string().min(1).max(300),
  /**
   * This "section" is the document as a whole (its own title): a citation leaves the id out and
   * keeps only what a source adds after it, so it does not name the document twice.
   */
  whole: z.literal(true).optional(),
}).strict();

export const SourceDocument = z.object({
  /** File name among the source documents, e.g. "003_191524bca73c873d.txt". */
  file: z.string().regex(/^[\w.-]+\.txt$/),
  title: z.string().min(1).max(300),
  publisher: z.string().min(1).max(300),
  /**
   * How a person cites the document in short, written from its publisher and title (no staff
   * names), e.g. "Warrington, Securing Permanence policy": what findings, rule lines, reports and
   * calendar entries show instead of the file name.
   */
  citation: z.string().min(1).max(120),
  sections: z.array(SourceSection).min(1),
}).strict();
export type SourceDocument = z.infer<typeof SourceDocument>;

export const SourceList = z.object({ $comment: z.string().optional(), sources: z.array(SourceDocument).min(1) }).strict();
export type SourceList = z.infer<typeof SourceList>;

/**
 * Whether a template's source section cites sections this document lists. A section is written
 * in parts separated by "; " outside brackets ("8.3; Appendix 6, ..., week 8"). The first part
 * begins with a listed section id, followed by anything but a digit (so "8" covers "8.3" but
 * "Appendix 1" does not cover "Appendix 10"); a later part that names a numbered section or an
 * appendix names a listed one; other later parts continue the part before ("row 3 ...").
 */
export function citesListedSections(doc: SourceDocument, section: string): boolean {
  const listed = (part: string): boolean => doc.sections.some((s) => part.startsWith(s.id) && !/^\d/.test(part.slice(s.id.length)));
  return citedParts(section).every((part, i) => i === 0 ? listed(part) : !NUMBERED.test(part) || listed(part));
}

/** A part that names a section by number or appendix. */
const NUMBERED = /^(Appendix \d|\d+(\.\d+)*(\s|,|$))/;

/** A source section's parts: split at "; " except inside round brackets. */
function citedParts(section: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < section.length; i++) {
    const c = section[i];
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0 && c === ';' && section[i + 1] === ' ') {
      parts.push(section.slice(start, i));
      start = i + 2;
    }
  }
  parts.push(section.slice(start));
  return parts;
}

/** A template's source as it names it: a file among the source documents and a section in it. */
export interface SourceRef {
  readonly seed: string;
  readonly section: string;
}

/**
 * A source as people cite it: the document's short citation, then the section, e.g.
 * "Warrington, Securing Permanence policy, 8.3". A section that begins with a listed section
 * marked `whole` (the document's own title) keeps only what follows that title, so
 * "Permanence Process" reads as the citation alone. A file not in `sources` is cited by its
 * file name ("003_191524bca73c873d.txt, 8.3"), so an unlisted source still says where it is from.
 * The list is a parameter because the model does not import `templates/`
 * (`templates/index.ts` exports `citeSource` bound to the shipped list).
 */
export function citeSource(source: SourceRef, sources: readonly SourceDocument[]): string {
  const doc = sources.find((d) => d.file === source.seed);
  if (!doc) return `${source.seed}, ${source.section}`;
  const whole = doc.sections.find((s) => s.whole && source.section.startsWith(s.id));
  if (!whole) return `${doc.citation}, ${source.section}`;
  const rest = source.section.slice(whole.id.length);
  if (rest.trim() === '') return doc.citation;
  if (/^\s*\(/.test(rest)) return `${doc.citation} ${rest.trim()}`;
  return `${doc.citation}, ${rest.replace(/^[\s,:;–-]+/, '')}`;
}
