/**
 * The parts of a child's workspace as the section list shows them: the address segment
 * (`session/routes.ts`), the words people know each part by (the plan's own part labels where a
 * part is one root of the document) and which part of a conflict's path it is.
 */
import { PLAN_PART_LABELS } from '../../../model/plan-spec.ts';
import type { WorkspaceSection } from '../../session/routes.ts';

/** Where a workspace link goes: a section, and in the meetings one meeting. */
export interface WorkspaceTarget {
  readonly section: WorkspaceSection;
  readonly meetingId?: string;
}

/** A section of the workspace, as listed. */
export interface SectionEntry {
  readonly id: WorkspaceSection;
  readonly label: string;
}

/** Every section, in order; `restricted` only for a person with the restricted grant. */
export const SECTIONS: readonly SectionEntry[] = [
  { id: 'details', label: PLAN_PART_LABELS.child },
  { id: 'meetings', label: 'Meetings (PPM records)' },
  { id: 'contingency', label: PLAN_PART_LABELS.contingency },
  { id: 'introduction', label: PLAN_PART_LABELS.introduction },
  { id: 'roles', label: PLAN_PART_LABELS.roles },
  { id: 'stages', label: 'Stages, tasks and checklist' },
  { id: 'timeline', label: 'Timeline' },
  { id: 'history', label: 'History and versions' },
  { id: 'restricted', label: 'Confidential details' },
];

/** The sections a person sees: the restricted one only with the grant. */
export function sectionsFor(restricted: boolean): readonly SectionEntry[] {
  return SECTIONS.filter((s) => s.id !== 'restricted' || restricted);
}

/** The section (and meeting) that shows a conflict's path (`<part>/<recordId>/…`, model/conflicts.ts). */
export function sectionOfPath(path: string): { section: WorkspaceSection; meetingId?: string } {
  const [part, recordId] = path.split('/');
  switch (part) {
    case 'ppms':
      return recordId ? { section: 'meetings', meetingId: recordId } : { section: 'meetings' };
    case 'contingency':
    case 'introduction':
    case 'roles':
      return { section: part };
    case 'pathway':
    case 'assurance':
      return { section: 'stages' };
    default:
      return { section: 'details' };
  }
}
