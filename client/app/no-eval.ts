/**
 * Tells zod never to compile schemas with `new Function` (`jitless`), before any schema is
 * parsed: the server's Content-Security-Policy allows no `eval`, and zod's probe for it would be
 * reported as a violation on every page. Imported first by `main.ts`; validation is unchanged.
 */
import * as z from 'zod';

z.config({ jitless: true });
