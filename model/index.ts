/**
 * The model's public surface: the Yjs schema of a child's plan with typed accessors, its
 * plain-JSON form, validation and the template schemas. DOM-free and server-free.
 */
export * from './context.ts';
export * from './core-fields.ts';
export * from './create-doc.ts';
export * from './doc-json.ts';
export * from './doc-spec.ts';
export * from './field-value.ts';
export * from './observe.ts';
export * from './plan.ts';
export * from './open-plan.ts';
export * from './plan-spec.ts';
export * from './record-json.ts';
export * from './record-spec.ts';
export * from './record-view.ts';
export * from './register.ts';
export * from './conflicts.ts';
export * from './next-meeting.ts';
export * from './restricted.ts';
export * from './restricted-spec.ts';
export * from './validate.ts';
export * from './words.ts';
export * from './calendar/day.ts';
export * from './calendar/bank-holidays.ts';
export * from './timeline/types.ts';
export * from './timeline/evaluate.ts';
export * from './timeline/of-plan.ts';
export * from './template/common.ts';
export * from './template/form.ts';
export * from './template/pathway.ts';
export * from './template/role-matrix.ts';
export * from './template/task-list.ts';
export * from './template/checklist.ts';
export * from './template/template.ts';
export * from './template/source-list.ts';
export * from './template/registry.ts';
