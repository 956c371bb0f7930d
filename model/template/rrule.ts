/**
 * The rrule package is CommonJS; under plain Node ESM its named exports are on the default
 * export. This module hides that once for the whole model.
 */
import * as ns from 'rrule';

type RRuleModule = typeof import('rrule');
// Reflect.get, not `.default`, so bundlers do not warn about a default export ESM cannot see.
const fromDefault: unknown = Reflect.get(ns, 'default');
const mod = (fromDefault ?? ns) as RRuleModule;

export const { RRule, rrulestr } = mod;

/**
 * Whether `body` is a valid RRULE value (the part after "RRULE:", without DTSTART), such as
 * "FREQ=WEEKLY;INTERVAL=6".
 */
export function isValidRRule(body: string): boolean {
  if (/DTSTART|RRULE:/i.test(body)) return false;
  try {
    const rule = mod.RRule.fromString(body);
    return rule.options.freq !== undefined;
  } catch {
    return false;
  }
}
