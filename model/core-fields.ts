/**
 * Fields the product itself relies on, whatever templates a local authority adds: the timeline
 * engine reads them and pathway conditions name them as facts. Templates may repeat one of
 * these (to place it in a section of their form) but only with the same kind and options.
 */
import type { FieldSpec, TableSpec } from './template/form.ts';
import { JURISDICTIONS } from './template/common.ts';

/** Legal status of the child, as practitioners record it in England, Wales, Scotland and Northern Ireland. */
export const LEGAL_STATUSES = [
  'Not looked after',
  'Section 20 (accommodated with consent)',
  'Emergency protection order',
  'Police protection',
  'Interim care order',
  'Care order',
  'Placed with parents under a care order',
  'Placement order',
  'Compulsory supervision order (Scotland)',
  'Permanence order (Scotland)',
  'Special guardianship order',
  'Child arrangements order',
  'Adoption order',
] as const;

/** Stage of court proceedings; pathway conditions such as "only in care proceedings" use it. */
export const PROCEEDINGS = ['None', 'Pre-proceedings (PLO)', 'Care proceedings', 'Proceedings concluded'] as const;

/** The child's details the engine needs: identity, jurisdiction, legal status, proceedings and tracks. */
export const CORE_CHILD_FIELDS: readonly FieldSpec[] = [
  { id: 'name', label: 'Name', kind: 'string' },
  { id: 'dateOfBirth', label: 'Date of birth', kind: 'date' },
  {
    id: 'jurisdiction',
    label: 'Jurisdiction',
    kind: 'choice',
    options: [...JURISDICTIONS],
    help: 'The nation whose law and bank holidays apply to this plan.',
  },
  { id: 'legalStatus', label: 'Legal Status', kind: 'choice', options: [...LEGAL_STATUSES] },
  { id: 'proceedings', label: 'Court proceedings', kind: 'choice', options: [...PROCEEDINGS] },
  {
    id: 'multiTrack',
    label: 'Multi-track planning in place',
    kind: 'boolean',
    help: 'Yes when more than one permanence option is being actively pursued in parallel; PPMs are then held monthly.',
  },
  {
    id: 'earlyPermanence',
    label: 'Early permanence (fostering for adoption or concurrency)',
    kind: 'boolean',
  },
];

/** Columns of a PPM's people-involved table that other parts of the product read. */
export const CORE_PPM_FIELDS: readonly FieldSpec[] = [
  { id: 'meetingDate', label: 'Date of meeting', kind: 'date' },
];

/** The decisions table of a PPM: the engine turns each row into a dated action. */
export const CORE_DECISIONS_TABLE_ID = 'decisions';
export const CORE_DECISION_COLUMNS = ['decision', 'reason', 'responsible', 'targetDate'] as const;

/** The role/responsibility matrix of a child's plan: one row per role, pre-filled from the template. */
export const ROLES_TABLE: TableSpec = {
  id: 'roles',
  label: 'Roles and responsibilities',
  rowName: 'role',
  columns: [
    { id: 'role', label: 'Role', kind: 'string' },
    { id: 'holder', label: 'Held by', kind: 'person' },
    { id: 'organisation', label: 'Organisation', kind: 'string' },
    { id: 'responsibilities', label: 'Responsible for', kind: 'text' },
    { id: 'sharedItems', label: 'Shared or follow-up items', kind: 'text' },
  ],
};

/** The record of stages reached on the child's pathway. */
export const STAGES_TABLE: TableSpec = {
  id: 'stages',
  label: 'Stages reached',
  rowName: 'stage',
  columns: [
    { id: 'stage', label: 'Stage', kind: 'string' },
    { id: 'date', label: 'Date', kind: 'date' },
    { id: 'recordedBy', label: 'Recorded by', kind: 'person' },
    { id: 'note', label: 'Note', kind: 'text' },
  ],
};

/** The answers a task list item or a checklist item takes (003 Appendices 7 and 8). */
export const ASSURANCE_ANSWERS = ['Yes', 'No', 'Partly', 'Not applicable'] as const;

/**
 * One answer to one item of a task list or a quality-assurance checklist: which list (the
 * template's id), which item (`<roleId>/<taskId>` or `<sectionId>/<itemId>`), the answer and a
 * comment. Made by the person who first answers the item, whole (DESIGN decision 5).
 */
export const ASSURANCE_FIELDS: readonly FieldSpec[] = [
  { id: 'list', label: 'List', kind: 'string' },
  { id: 'item', label: 'Item', kind: 'string' },
  { id: 'answer', label: 'Answer', kind: 'choice', options: [...ASSURANCE_ANSWERS] },
  { id: 'comment', label: 'Comment or action required', kind: 'text' },
];
