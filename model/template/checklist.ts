/** A quality-assurance checklist, such as the CPR checklist: sections of yes/no items. */
import * as z from 'zod';
import { Id, TemplateBase } from './common.ts';

export const ChecklistItem = z
  .object({ id: Id, text: z.string().min(1), guidance: z.string().min(1).optional() })
  .strict();
export type ChecklistItem = z.infer<typeof ChecklistItem>;

export const ChecklistTemplate = TemplateBase.extend({
  kind: z.literal('checklist'),
  /** Ids of the pathway templates whose children use this list (the workspace shows it for them). */
  pathways: z.array(Id).default([]),
  sections: z
    .array(z.object({ id: Id, title: z.string().min(1), items: z.array(ChecklistItem).min(1) }).strict())
    .min(1),
}).strict();
export type ChecklistTemplate = z.infer<typeof ChecklistTemplate>;
