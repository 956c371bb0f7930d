/** A task list by role, such as the adoption plan task list. */
import * as z from 'zod';
import { Id, TemplateBase } from './common.ts';

export const TaskSpec = z
  .object({
    id: Id,
    text: z.string().min(1),
    /** When in the process the task falls, e.g. "before the ADM decision". */
    when: z.string().min(1).optional(),
  })
  .strict();
export type TaskSpec = z.infer<typeof TaskSpec>;

export const TaskListTemplate = TemplateBase.extend({
  kind: z.literal('task-list'),
  /** Ids of the pathway templates whose children use this list (the workspace shows it for them). */
  pathways: z.array(Id).default([]),
  roles: z
    .array(z.object({ id: Id, title: z.string().min(1), tasks: z.array(TaskSpec).min(1) }).strict())
    .min(1),
}).strict();
export type TaskListTemplate = z.infer<typeof TaskListTemplate>;
