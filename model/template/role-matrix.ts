/**
 * The role/responsibility matrix template: for each role in a child's plan, what it is
 * responsible for and the items it shares or follows up with others.
 */
import * as z from 'zod';
import { Id, TemplateBase } from './common.ts';

export const RoleSpec = z
  .object({
    id: Id,
    title: z.string().min(1),
    /** The service or agency the role usually sits in, e.g. "Regional Adoption Agency", "Health". */
    agency: z.string().min(1).optional(),
    responsibilities: z.array(z.string().min(1)).min(1),
    /** The second column of the source: shared or follow-up items. */
    sharedItems: z.array(z.string().min(1)).default([]),
  })
  .strict();
export type RoleSpec = z.infer<typeof RoleSpec>;

export const RoleMatrixTemplate = TemplateBase.extend({
  kind: z.literal('role-matrix'),
  roles: z.array(RoleSpec).min(1),
})
  .strict()
  .refine((t) => new Set(t.roles.map((r) => r.id)).size === t.roles.length, 'role ids must be unique');
export type RoleMatrixTemplate = z.infer<typeof RoleMatrixTemplate>;
