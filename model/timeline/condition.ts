/**
 * Evaluates a template condition against the child's facts. A fact that is not recorded
 * satisfies no `equals` or `in` test, so a stage that applies only "in care proceedings" stays
 * out until someone records that the child is.
 */
import type { Condition } from '../template/pathway.ts';
import type { Facts } from './types.ts';

/** Whether `condition` holds for `facts`; no condition always holds. */
export function holds(condition: Condition | undefined, facts: Facts): boolean {
  if (!condition) return true;
  if ('all' in condition) return condition.all.every((c) => holds(c, facts));
  if ('any' in condition) return condition.any.some((c) => holds(c, facts));
  if ('not' in condition) return !holds(condition.not, facts);
  const value = facts[condition.fact];
  if (value === undefined || value === null) return false;
  if ('equals' in condition) return value === condition.equals;
  return typeof value === 'string' && condition.in.includes(value);
}
