/**
 * The templates shipped with the product, loaded and validated once. To add a template, add
 * its JSON file here; it is checked against its zod schema when loaded, and a defect stops
 * the product starting with every problem listed.
 */
import { loadTemplates, type TemplateRegistry } from '../model/template/registry.ts';
import { citeSource as citeFrom, SourceList, type SourceDocument, type SourceRef } from '../model/template/source-list.ts';
import adoptionTaskList from './adoption-task-list.json' with { type: 'json' };
import contingencyPlan from './contingency-plan.json' with { type: 'json' };
import cprChecklist from './cpr-checklist.json' with { type: 'json' };
import introductionPlan from './introduction-plan.json' with { type: 'json' };
import pathwayAdoption from './pathway-adoption.json' with { type: 'json' };
import pathwayDudley from './pathway-dudley-early-permanence.json' with { type: 'json' };
import pathwayFamilyFinding from './pathway-family-finding-transitions.json' with { type: 'json' };
import pathwayPace from './pathway-pace.json' with { type: 'json' };
import pathwayPermanentFostering from './pathway-permanent-fostering.json' with { type: 'json' };
import pathwayPreProceedings from './pathway-pre-proceedings.json' with { type: 'json' };
import pathwayReunification from './pathway-reunification.json' with { type: 'json' };
import pathwaySpecialGuardianship from './pathway-special-guardianship.json' with { type: 'json' };
import ppm from './ppm.json' with { type: 'json' };
import ppm110 from './ppm-1.1.0.json' with { type: 'json' };
import roleMatrix from './role-matrix-early-permanence.json' with { type: 'json' };
import sourceList from './sources.json' with { type: 'json' };

/** Every shipped template file, by file name. */
export const TEMPLATE_FILES: readonly { name: string; data: unknown }[] = [
  { name: 'ppm.json', data: ppm },
  // Plans made before the sibling group and unborn baby facts keep their PPM template (1.1.0).
  { name: 'ppm-1.1.0.json', data: ppm110 },
  { name: 'contingency-plan.json', data: contingencyPlan },
  { name: 'introduction-plan.json', data: introductionPlan },
  { name: 'role-matrix-early-permanence.json', data: roleMatrix },
  { name: 'pathway-adoption.json', data: pathwayAdoption },
  { name: 'pathway-permanent-fostering.json', data: pathwayPermanentFostering },
  { name: 'pathway-reunification.json', data: pathwayReunification },
  { name: 'pathway-special-guardianship.json', data: pathwaySpecialGuardianship },
  { name: 'pathway-pre-proceedings.json', data: pathwayPreProceedings },
  { name: 'pathway-pace.json', data: pathwayPace },
  { name: 'pathway-dudley-early-permanence.json', data: pathwayDudley },
  { name: 'pathway-family-finding-transitions.json', data: pathwayFamilyFinding },
  { name: 'adoption-task-list.json', data: adoptionTaskList },
  { name: 'cpr-checklist.json', data: cprChecklist },
];

function load(): TemplateRegistry {
  const result = loadTemplates(TEMPLATE_FILES);
  if (!result.ok) throw new Error(`shipped templates are invalid:\n${result.problems.join('\n')}`);
  return result.registry;
}

/** The shipped templates. Loading throws, listing every problem, if any template is invalid. */
export const templates: TemplateRegistry = load();

/** The practice documents the templates are built from (`sources.json`), checked by zod when loaded. */
export const SOURCES: readonly SourceDocument[] = SourceList.parse(sourceList).sources;

/** The source document of this file name, e.g. for its title as practitioners know it. */
export function sourceDocument(file: string): SourceDocument | undefined {
  return SOURCES.find((s) => s.file === file);
}

/**
 * A template source as people cite it, from the shipped list: "Warrington, Securing Permanence
 * policy, 8.3" for `{ seed: "003_191524bca73c873d.txt", section: "8.3" }` (see
 * `citeSource` in model/template/source-list.ts). Use it wherever a person reads a source.
 */
export function citeSource(source: SourceRef): string {
  return citeFrom(source, SOURCES);
}
