/**
 * The open plan, shared with every element below the provider through @lit/context, so
 * elements do not pass it down by hand.
 */
import { createContext } from '@lit/context';
import type { Plan } from '../model/plan.ts';
import type { FormTemplate } from '../model/template/form.ts';

/** The open child's plan, with the forms it was made from. */
export interface OpenPlan {
  readonly plan: Plan;
  readonly ppmForm: FormTemplate;
}

export const openPlanContext = createContext<OpenPlan | undefined>(Symbol('open-plan'));
