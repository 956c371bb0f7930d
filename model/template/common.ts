/**
 * Parts shared by every template kind: identity, version, jurisdiction and the source clause.
 *
 * Every template and every rule names where in the practice documents it comes from
 * (DESIGN decision 7), so a practitioner can check the product against the procedure.
 */
import * as z from 'zod';

/** The four UK nations; bank holidays and some procedures differ between them. */
export const Jurisdiction = z.enum(['England', 'Wales', 'Scotland', 'Northern Ireland']);
export type Jurisdiction = z.infer<typeof Jurisdiction>;

/** The jurisdictions list in the order they appear in forms. */
export const JURISDICTIONS: readonly Jurisdiction[] = Jurisdiction.options;

/** Ids are lower-case kebab case so they are stable in URLs, JSON and CSS. */
export const Id = z
  .string()
  .regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, 'ids are lower-case kebab-case, e.g. "date-of-birth"');

/** Field ids inside a plan record are camelCase so they read well in the plain-JSON form. */
export const FieldId = z
  .string()
  .regex(/^[a-z][a-zA-Z0-9]*$/, 'field ids are camelCase, e.g. "dateOfBirth"')
  .refine((id) => id !== 'id', '"id" is reserved for the row id');

/** Semantic version of a template: a plan records the version it was made from. */
export const Version = z.string().regex(/^\d+\.\d+\.\d+$/, 'versions look like "1.0.0"');

/** Where a template or rule comes from: the seed file and the section or clause within it. */
export const Source = z
  .object({
    /** File name of a source document (templates/sources.json lists them; the documents are in ../shared/seeds), e.g. "003_191524bca73c873d.txt". */
    seed: z.string().regex(/^\d{3}_[0-9a-f]{16}\.txt$/, 'a seed file name such as "003_191524bca73c873d.txt"'),
    /** Section, appendix or clause as the document numbers it, e.g. "8.3" or "Appendix 6, Adoption". */
    section: z.string().min(1),
  })
  .strict();
export type Source = z.infer<typeof Source>;

/** Fields every template carries. */
export const TemplateBase = z.object({
  id: Id,
  version: Version,
  title: z.string().min(1),
  /** Which nations' practice this template encodes; at least one. */
  jurisdiction: z.array(Jurisdiction).min(1),
  source: Source,
  /** Plain-language summary for the people who choose templates. */
  description: z.string().min(1).optional(),
});
