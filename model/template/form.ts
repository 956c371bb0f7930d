/**
 * Form templates: the fields and tables of a record such as the PPM, the contingency plan or
 * the introduction plan. A plan document is made from these (DESIGN decision 5): every field
 * and table a form names is created once, on the server, when the child's document is made.
 */
import * as z from 'zod';
import { FieldId, Id, TemplateBase } from './common.ts';

/**
 * How a field stores its value:
 * - `text`: free text, merged character by character (Y.Text);
 * - `string`, `date`, `boolean`, `choice`, `person`: single-valued; concurrent writes are all
 *   kept and shown as a conflict until someone resolves it (DESIGN decision 4).
 */
export const FieldKind = z.enum(['text', 'string', 'date', 'boolean', 'choice', 'person']);
export type FieldKind = z.infer<typeof FieldKind>;

/** One field of a form or one column of a table. */
export const FieldSpec = z
  .object({
    id: FieldId,
    /** The label as practitioners know it from the paper form. */
    label: z.string().min(1),
    kind: FieldKind,
    /** Allowed values of a `choice` field. */
    options: z.array(z.string().min(1)).min(2).optional(),
    /** Guidance shown next to the field, in our own words. */
    help: z.string().min(1).optional(),
  })
  .strict()
  .refine((f) => (f.kind === 'choice') === (f.options !== undefined), {
    message: 'a choice field needs options, and only a choice field may have them',
  });
export type FieldSpec = z.infer<typeof FieldSpec>;

/** A table: rows with a stable id and the same columns. */
export const TableSpec = z
  .object({
    id: FieldId,
    label: z.string().min(1),
    /** What one row is, in lower case ("decision", "person"), for "Add a decision"; the label is used when absent. */
    rowName: z.string().min(1).optional(),
    help: z.string().min(1).optional(),
    columns: z.array(FieldSpec).min(1),
  })
  .strict();
export type TableSpec = z.infer<typeof TableSpec>;

/**
 * A titled part of a form. `scope` says which record of the plan holds its fields:
 * `record` (the form's own record, e.g. one PPM meeting) or `child` (the child's details,
 * shared by every meeting).
 */
export const SectionSpec = z
  .object({
    id: Id,
    title: z.string().min(1),
    guidance: z.string().min(1).optional(),
    scope: z.enum(['record', 'child']).default('record'),
    fields: z.array(FieldSpec).default([]),
    tables: z.array(TableSpec).default([]),
  })
  .strict();
export type SectionSpec = z.infer<typeof SectionSpec>;

/** Which part of the plan a form template fills. */
export const FormKind = z.enum(['ppm', 'contingency-plan', 'introduction-plan']);
export type FormKind = z.infer<typeof FormKind>;

/** Extra data a form may carry, such as the permanence options a contingency plan chooses among. */
export const PermanenceOption = z
  .object({
    id: Id,
    label: z.string().min(1),
    description: z.string().min(1),
    /** When this option tends to fit, from the options comparison in the source. */
    suitableWhen: z.array(z.string().min(1)).default([]),
    source: z.object({ seed: z.string(), section: z.string() }).strict(),
  })
  .strict();
export type PermanenceOption = z.infer<typeof PermanenceOption>;

export const FormTemplate = TemplateBase.extend({
  kind: FormKind,
  sections: z.array(SectionSpec).min(1),
  options: z.array(PermanenceOption).optional(),
})
  .strict()
  .superRefine((t, ctx) => {
    const seen = new Map<string, string>();
    for (const section of t.sections) {
      for (const item of [...section.fields, ...section.tables]) {
        const key = `${section.scope}:${item.id}`;
        if (seen.has(key)) {
          ctx.addIssue({ code: 'custom', message: `field id "${item.id}" appears twice (sections ${seen.get(key)} and ${section.id})` });
        }
        seen.set(key, section.id);
      }
    }
  });
export type FormTemplate = z.infer<typeof FormTemplate>;
