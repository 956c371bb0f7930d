/**
 * Small form templates for the model's own tests, so they do not depend on the shipped
 * templates (which have tests of their own in templates/).
 */
import { FormTemplate } from '../template/form.ts';
import { planSpec } from '../plan-spec.ts';
import type { DocSpec } from '../doc-spec.ts';

const source = { seed: '003_191524bca73c873d.txt', section: 'Appendix 4' };

export const testPpm = FormTemplate.parse({
  id: 'test-ppm',
  version: '1.0.0',
  title: 'Test PPM',
  kind: 'ppm',
  jurisdiction: ['England'],
  source,
  sections: [
    {
      id: 'child-details',
      title: "Child's details",
      scope: 'child',
      fields: [
        { id: 'name', label: 'Name', kind: 'string' },
        { id: 'religion', label: 'Religion', kind: 'string' },
      ],
    },
    {
      id: 'meeting',
      title: 'Meeting',
      fields: [
        { id: 'meetingType', label: 'Type', kind: 'choice', options: ['Permanence Care Planning Meeting', 'Permanence Pathway Care Planning Meeting'] },
        { id: 'iroConsulted', label: 'Has the IRO been consulted?', kind: 'boolean' },
        { id: 'significantEvents', label: 'Significant events', kind: 'text' },
      ],
      tables: [
        {
          id: 'decisions',
          label: 'Decisions',
          columns: [
            { id: 'decision', label: 'Decision', kind: 'text' },
            { id: 'reason', label: 'Reason', kind: 'text' },
            { id: 'responsible', label: 'Person / agency responsible', kind: 'person' },
            { id: 'targetDate', label: 'Target date', kind: 'date' },
          ],
        },
      ],
    },
  ],
});

export const testContingency = FormTemplate.parse({
  id: 'test-contingency',
  version: '1.0.0',
  title: 'Test contingency',
  kind: 'contingency-plan',
  jurisdiction: ['England'],
  source,
  sections: [{ id: 'primary', title: 'Primary plan', fields: [{ id: 'primaryPlanRationale', label: 'Why', kind: 'text' }] }],
});

export const testIntroduction = FormTemplate.parse({
  id: 'test-introduction',
  version: '1.0.0',
  title: 'Test introduction plan',
  kind: 'introduction-plan',
  jurisdiction: ['England'],
  source: { seed: '001_8001e1e1fdb153ba.txt', section: 'Transitions' },
  sections: [
    {
      id: 'days',
      title: 'Introductions',
      fields: [{ id: 'placementDate', label: 'Placement day', kind: 'date' }],
      tables: [{ id: 'days', label: 'Days', columns: [{ id: 'date', label: 'Date', kind: 'date' }, { id: 'activity', label: 'Activity', kind: 'text' }] }],
    },
  ],
});

/** The plan spec made from the test forms. */
export const testSpec: DocSpec = planSpec({ ppm: testPpm, contingency: testContingency, introduction: testIntroduction });

export const testTemplates = [
  { id: 'test-ppm', version: '1.0.0', kind: 'ppm' },
  { id: 'test-contingency', version: '1.0.0', kind: 'contingency-plan' },
  { id: 'test-introduction', version: '1.0.0', kind: 'introduction-plan' },
];
