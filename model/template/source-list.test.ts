import { describe, expect, it } from 'vitest';
import { citesListedSections, SourceDocument } from './source-list.ts';

const doc = SourceDocument.parse({
  file: '003_191524bca73c873d.txt',
  title: 'Securing Permanence',
  publisher: 'A council',
  sections: [{ id: '8', title: 'PPM' }, { id: 'Appendix 1', title: 'Pre-proceedings' }, { id: 'Appendix 6', title: 'Flowcharts' }],
});

describe('citesListedSections', () => {
  it('accepts sections that begin with a listed id, and their subsections', () => {
    expect(citesListedSections(doc, '8.3; Appendix 6, Good Practice Permanence (Adoption), week 8')).toBe(true);
    expect(citesListedSections(doc, 'Appendix 1, Pre-proceedings Protocol (timescale; maximum)')).toBe(true);
    expect(citesListedSections(doc, 'Appendix 6, week 2; row 3 of the same table')).toBe(true);
  });

  it('refuses a section the document does not list', () => {
    expect(citesListedSections(doc, 'Appendix 10, Supervision Order')).toBe(false);
    expect(citesListedSections(doc, '80 Something')).toBe(false);
    expect(citesListedSections(doc, '8.1; 9.4')).toBe(false);
    expect(citesListedSections(doc, 'Introduction')).toBe(false);
  });
});
