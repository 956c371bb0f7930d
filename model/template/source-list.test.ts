import { describe, expect, it } from 'vitest';
import { citeSource, citesListedSections, SourceDocument } from './source-list.ts';

const doc = SourceDocument.parse({
  file: '003_191524bca73c873d.txt',
  title: 'Securing Permanence',
  publisher: 'A council',
  citation: 'A council, Securing Permanence',
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

describe('citeSource', () => {
  const listed = [
    SourceDocument.parse({ file: '003_191524bca73c873d.txt', title: 'Securing Permanence', publisher: 'Warrington Borough Council', citation: 'Warrington, Securing Permanence policy', sections: [{ id: '8', title: 'PPM' }, { id: 'Appendix 6', title: 'Flowcharts' }] }),
    SourceDocument.parse({
      file: '004_70f4496eb9db34b8.txt',
      title: 'Permanence Process',
      publisher: 'A Scottish authority',
      citation: 'PACE Permanence Process (Scotland)',
      sections: [{ id: 'Permanence Process', title: 'The process as a whole', whole: true }, { id: '72 hour planning meeting', title: '72-hour meeting' }],
    }),
  ];

  it('names the document by its citation, then the section', () => {
    expect(citeSource({ seed: '003_191524bca73c873d.txt', section: '8.3' }, listed)).toBe('Warrington, Securing Permanence policy, 8.3');
    expect(citeSource({ seed: '003_191524bca73c873d.txt', section: 'Appendix 6, Good Practice Permanence (Adoption), week 1' }, listed)).toBe(
      'Warrington, Securing Permanence policy, Appendix 6, Good Practice Permanence (Adoption), week 1',
    );
    expect(citeSource({ seed: '004_70f4496eb9db34b8.txt', section: '72 hour planning meeting' }, listed)).toBe('PACE Permanence Process (Scotland), 72 hour planning meeting');
  });

  it('does not name a document twice when the section is the document as a whole', () => {
    const pace = (section: string): string => citeSource({ seed: '004_70f4496eb9db34b8.txt', section }, listed);
    expect(pace('Permanence Process')).toBe('PACE Permanence Process (Scotland)');
    expect(pace('Permanence Process (rows 1 to 3)')).toBe('PACE Permanence Process (Scotland) (rows 1 to 3)');
    expect(pace('Permanence Process: the first steps')).toBe('PACE Permanence Process (Scotland), the first steps');
  });

  it('falls back to the file name for a document not listed', () => {
    expect(citeSource({ seed: '009_0123456789abcdef.txt', section: '2.1' }, listed)).toBe('009_0123456789abcdef.txt, 2.1');
  });

  it('is required of every listed document', () => {
    expect(SourceDocument.safeParse({ file: '003_191524bca73c873d.txt', title: 'T', publisher: 'P', sections: [{ id: '8', title: 'PPM' }] }).success).toBe(false);
  });
});
