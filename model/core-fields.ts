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
