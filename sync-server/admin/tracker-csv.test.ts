import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasControlCharacters } from '../../model/wire/index.ts';
import { columnLetter, readTracker, sameChild, identityOf } from './tracker-csv.ts';

const TODAY = '2026-11-23';
const read = (text: string | Uint8Array, today = TODAY) => readTracker(typeof text === 'string' ? new TextEncoder().encode(text) : text, { today, source: 'tracker.csv' });
const EXAMPLE = readFileSync(new URL('./fixtures/tracker-example.csv', import.meta.url));

describe('reading a tracker CSV', () => {
  it('refuses control characters in every cell it reads, naming them by code point, never printing them', () => {
    const result = read(
      'name,pathway,dateOfBirth,stage:legal-gateway,#Notes\n' +
        'Bad\u0000Child,pathway-adoption,2020-01-01,,\n' +
        'Good Child,pathway-adoption\u0007,2020-01-02,,\n' +
        'Other Child,pathway-adoption,2020-01-03,2026-01-01\u001b,\n' +
        'Fine Child,pathway-adoption,2020-01-04,,"notes may hold \u0000 anything: left out"\n',
    );
    expect(result.rows.map((r) => r.name)).toEqual(['Fine Child']);
    expect(result.problems.map((p) => [p.row, p.column, /U\+[0-9A-F]{4}/.exec(p.problem)?.[0]])).toEqual([
      [2, 'A (name)', 'U+0000'],
      [3, 'B (pathway)', 'U+0007'],
      [4, 'D (stage:legal-gateway)', 'U+001B'],
    ]);
    for (const p of result.problems) expect(hasControlCharacters(p.problem)).toBe(false);
    const header = read('name\u0000,pathway\nA,pathway-adoption\n').problems[0]!;
    expect(header.row).toBe(1);
    expect(header.problem).toMatch(/header contains the control character U\+0000/);
  });

  it('reads the documented example: every child, details converted, stage dates, the blank row skipped', () => {
    const result = read(EXAMPLE);
    expect(result.problems).toEqual([]);
    expect(result.blankRows).toBe(1);
    expect(result.dataRows).toBe(5);
    expect(result.rows.map((r) => [r.row, r.name, r.pathwayId])).toEqual([
      [2, 'Bailey Example', 'pathway-adoption'],
      [3, 'Casey Sample', 'pathway-special-guardianship'],
      [4, 'Devon Fiction', 'pathway-reunification'],
      [5, 'Frankie Placeholder', 'pathway-pace'],
      [7, 'Harley Testcase', 'pathway-pre-proceedings'],
    ]);
    const [bailey, casey, devon] = result.rows;
    expect(bailey!.details).toEqual({
      name: 'Bailey Example',
      dateOfBirth: '2023-03-14',
      caseRecordId: 'EX-1001',
      jurisdiction: 'England',
      legalStatus: 'Interim care order',
      proceedings: 'Care proceedings',
      multiTrack: true,
      primaryPlan: 'Adoption',
    });
    expect(bailey!.stages.filter((s) => s.stage === 'ppm').map((s) => s.date)).toEqual(['2026-07-27', '2026-09-07', '2026-10-19']);
    expect(bailey!.stages[0]).toEqual({ stage: 'threshold-assessment', date: '2026-05-18', note: 'Imported from the tracker tracker.csv, row 2' });
    expect(casey!.details.dateOfBirth).toBe('2019-09-18');
    expect(devon!.details).toMatchObject({ multiTrack: false, legalStatus: 'Section 20 (accommodated with consent)', primaryPlan: 'Return home to birth parent(s)' });
  });

  it('accepts labels as headers, any letter case, a byte order mark and CRLF line ends', () => {
    const csv = '\uFEFFName,Date of birth,LEGAL STATUS,Pathway,stage:legal-gateway\r\nKit Fiction,1/2/2020,interim CARE order,pathway-adoption,02/06/2026\r\n';
    const result = read(csv);
    expect(result.problems).toEqual([]);
    expect(result.rows[0]).toMatchObject({ details: { name: 'Kit Fiction', dateOfBirth: '2020-02-01', legalStatus: 'Interim care order' }, stages: [{ stage: 'legal-gateway', date: '2026-06-02' }] });
  });

  it('reports every row it cannot read with its row number, column and reason, and keeps none of them', () => {
    const csv = [
      'name,dateOfBirth,legalStatus,multiTrack,pathway,stage:legal-gateway,stage:viability-assessments,#Notes',
      'Ok Child,2020-01-01,,,pathway-adoption,2026-06-02,,fine',
      'Bad Date,31/02/2020,,,pathway-adoption,,,',
      ',2020-01-01,,,pathway-adoption,,,no name',
      'Odd Status,,Sort of in care,maybe,pathway-adoption,,,',
      'No Pathway,,,,,,,',
      'Wrong Pathway,,,,pathway-nowhere,,,',
      'Wrong Stage,,,,pathway-adoption,,2026-08-20,',
      'Future,,,,pathway-adoption,2027-01-05,,',
      'Not A Date,,,,pathway-adoption,soon; 2026-01-02,,',
      'Too Many,,,,pathway-adoption,,,,extra',
      'ok child,2020-01-01,,,pathway-special-guardianship,,,same as row 2',
    ].join('\n');
    const result = read(csv);
    expect(result.rows.map((r) => r.name)).toEqual(['Ok Child']);
    expect(result.problems).toEqual([
      { row: 3, column: 'B (dateOfBirth)', problem: '"31/02/2020" is not a real calendar date' },
      { row: 4, column: 'A (name)', problem: "the child's name is missing" },
      { row: 5, column: 'C (legalStatus)', problem: expect.stringMatching(/^"Sort of in care" is not one of: Not looked after; .*Adoption order$/) as unknown },
      { row: 5, column: 'D (multiTrack)', problem: '"maybe" is not yes or no' },
      { row: 6, column: 'E (pathway)', problem: 'the pathway is missing' },
      { row: 7, column: 'E (pathway)', problem: expect.stringMatching(/^"pathway-nowhere" is not a pathway template; use one of: .*pathway-adoption/) as unknown },
      { row: 8, column: 'G (stage:viability-assessments)', problem: '"viability-assessments" is not a stage of pathway-adoption; leave the cell empty for this child' },
      { row: 9, column: 'F (stage:legal-gateway)', problem: '2027-01-05 is after today: a stage column records when a stage was reached, so leave planned dates out' },
      { row: 10, column: 'F (stage:legal-gateway)', problem: '"soon" is not a date: write YYYY-MM-DD or DD/MM/YYYY' },
      { row: 11, column: 'I (no header)', problem: 'a value beyond the last column with a header' },
      { row: 12, problem: 'the same child as row 2 (same name and date of birth); keep one of the two rows' },
    ]);
  });

  it('refuses a header it cannot map, so no column is dropped silently', () => {
    const result = read('Child,dateOfBirth,DOB,Date of birth,stage:legal-gatway,Notes,,#RAG\nA,,,,,,x,Red\n');
    expect(result.rows).toEqual([]);
    expect(result.problems).toEqual([
      { row: 1, column: 'A (Child)', problem: expect.stringContaining('unknown column "Child"') as unknown },
      { row: 1, column: 'C (DOB)', problem: expect.stringContaining('unknown column "DOB"') as unknown },
      { row: 1, column: 'D (Date of birth)', problem: 'holds the same as column B (dateOfBirth); keep one of them' },
      { row: 1, column: 'E (stage:legal-gatway)', problem: expect.stringContaining('"legal-gatway" is not a stage of any pathway') as unknown },
      { row: 1, column: 'F (Notes)', problem: expect.stringContaining('start the header with # to leave the column out') as unknown },
      { row: 1, column: 'G (no header)', problem: 'this column has values but no header: name it, or start its header with # to leave it out' },
      { row: 1, problem: "no column for name (the child's name)" },
      { row: 1, problem: 'no column for pathway (a pathway template id, e.g. pathway-adoption)' },
    ]);
  });

  it('says what to do with a file that is not UTF-8 CSV', () => {
    expect(read(Uint8Array.from([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0xe9, 0x0a])).problems).toEqual([{ problem: expect.stringContaining('CSV UTF-8 (Comma delimited)') as unknown }]);
    expect(read('name;pathway\nA;pathway-adoption\n').problems).toEqual([{ row: 1, problem: expect.stringContaining('separated by semicolons') as unknown }]);
    expect(read('name,pathway\n"A,pathway-adoption\n').problems).toEqual([{ problem: expect.stringMatching(/^the file is not readable CSV/) as unknown }]);
    expect(read('').problems).toEqual([{ row: 1, problem: expect.stringContaining('the file is empty') as unknown }]);
  });

  it('tells the same child by case record ID first, else by name and date of birth', () => {
    const twinA = identityOf({ name: 'Alex Fiction', dateOfBirth: '2020-01-01', caseRecordId: 'X1' });
    const twinB = identityOf({ name: 'Alex Fiction', dateOfBirth: '2020-01-01', caseRecordId: 'X2' });
    expect(sameChild(twinA, twinB)).toBeUndefined();
    expect(sameChild(twinA, identityOf({ name: 'Someone Else', caseRecordId: ' x1 ' }))).toBe('same case record ID');
    expect(sameChild(twinA, identityOf({ name: 'alex  fiction', dateOfBirth: '2020-01-01' }))).toBe('same name and date of birth');
    expect(sameChild(identityOf({ name: 'Alex Fiction' }), identityOf({ name: 'Alex Fiction' }))).toBeUndefined();
  });

  it('names columns as a spreadsheet does', () => {
    expect([0, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
});
