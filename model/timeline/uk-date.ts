/** Moved to model/words.ts; kept until every importer uses it (removed in the re-layering's integration step). */
export { days, ukDate } from '../words.ts';
