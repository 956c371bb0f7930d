/**
 * The fictional demo made on first start: accounts for a small multi-agency team (passwords
 * generated and printed once) and a caseload of invented children on different pathways, each
 * with recorded stages relative to today so the board shows work done, due soon and overdue.
 * Every name here is invented.
 */
import { randomBytes } from 'node:crypto';
import { addDays } from '../../model/calendar/day-math.ts';
import { Plan } from '../../model/plan.ts';
import { recordStageDate } from '../../model/timeline/record-stage.ts';
import { templates } from '../../templates/index.ts';
import { hashPassword } from '../auth/password.ts';
import { buildChildDocuments, planOf } from '../plans/child-documents.ts';
import type { Plans } from '../plans/plans.ts';
import type { ServerRecords } from '../storage/records/server-records.ts';
import type { SeededAccount } from './demo-policy.ts';

/** What the demo is made through: the server records and the plans service. */
export interface DemoTarget {
  readonly records: ServerRecords;
  readonly plans: Plans;
}

export interface DemoAccount {
  readonly username: string;
  readonly name: string;
  readonly role: string;
  readonly organisation: string;
  readonly admin: boolean;
  /** Grant on every demo child. */
  readonly access: 'read' | 'edit';
  readonly restricted: boolean;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: 'social.worker', name: 'Asha Patel', role: "Child's Social Worker", organisation: 'Children in Care Team', admin: false, access: 'edit', restricted: true },
  { username: 'team.manager', name: 'Morgan Reed', role: 'Team Manager', organisation: 'Children in Care Team', admin: true, access: 'edit', restricted: true },
  { username: 'iro', name: 'Jordan Blake', role: 'Independent Reviewing Officer', organisation: 'Independent Reviewing Service', admin: false, access: 'read', restricted: true },
  { username: 'health.visitor', name: 'Kai Morgan', role: 'Health Visitor', organisation: 'Health Visiting Service', admin: false, access: 'read', restricted: false },
  { username: 'legal.adviser', name: 'Sam Okafor', role: 'Legal Adviser', organisation: 'Legal Services', admin: false, access: 'read', restricted: false },
];

interface DemoChild {
  readonly name: string;
  readonly dateOfBirth: string;
  readonly pathwayId: string;
  readonly details: Readonly<Record<string, string | boolean>>;
  /**
   * Stage id and days before today it happened, each written to the stage's record: a PPM as a
   * PPM record with its date, an introduction date in the introduction plan, other stages in the
   * stage table (`recordStageDate`), so the timeline and the PPM section agree.
   */
  readonly stages: readonly (readonly [string, number])[];
}

const CHILDREN: readonly DemoChild[] = [
  {
    name: 'Rowan Example',
    dateOfBirth: '2024-06-14',
    pathwayId: 'pathway-adoption',
    details: { jurisdiction: 'England', legalStatus: 'Interim care order', proceedings: 'Care proceedings', multiTrack: true },
    stages: [['threshold-assessment', 130], ['gateway-application', 120], ['became-looked-after', 118], ['legal-gateway', 112], ['legal-planning-meeting', 108], ['multi-track-decision', 108], ['family-finder-allocated', 106], ['initial-ppm', 100], ['permanence-plan', 95], ['cla-review-1', 92]],
  },
  {
    name: 'Skye Sample',
    dateOfBirth: '2019-02-03',
    pathwayId: 'pathway-special-guardianship',
    details: { jurisdiction: 'England', legalStatus: 'Interim care order', proceedings: 'Care proceedings' },
    stages: [['threshold-assessment', 70], ['gateway-application', 62], ['became-looked-after', 60], ['legal-gateway', 56], ['legal-planning-meeting', 54], ['viability-assessments', 52], ['initial-ppm', 45]],
  },
  {
    name: 'Ellis Placeholder',
    dateOfBirth: '2016-09-22',
    pathwayId: 'pathway-reunification',
    details: { jurisdiction: 'Wales', legalStatus: 'Section 20 (accommodated with consent)', proceedings: 'Care proceedings' },
    stages: [['threshold-assessment', 40], ['gateway-application', 33], ['became-looked-after', 30], ['legal-gateway', 28], ['parenting-assessment-started', 20]],
  },
  {
    name: 'Morgan Testcase',
    dateOfBirth: '2021-11-30',
    pathwayId: 'pathway-pace',
    details: { jurisdiction: 'Scotland', legalStatus: 'Compulsory supervision order (Scotland)' },
    stages: [['became-looked-after', 25], ['planning-meeting-72-hour', 23], ['review-2-3-week', 8]],
  },
  {
    name: 'Quinn Fictional',
    dateOfBirth: '2025-08-01',
    pathwayId: 'pathway-pre-proceedings',
    details: { jurisdiction: 'England', legalStatus: 'Not looked after', proceedings: 'Pre-proceedings (PLO)' },
    stages: [['case-discussion-with-service-manager', 20], ['gateway-application', 15], ['legal-gateway', 12], ['legal-planning-meeting', 10]],
  },
];

/** A readable random password: four groups of four letters and digits. */
export function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(16);
  return [...bytes].map((b) => alphabet[b % alphabet.length]).join('').replace(/(.{4})(?!$)/g, '$1-');
}

/**
 * Makes the demo accounts and caseload into an empty store (no account and no child: never into
 * an existing store); returns the passwords made, or undefined when the store was not empty.
 * Whether the demo is wanted at all (`DEMO`, `NODE_ENV`) is for the caller (`demo-policy.ts`).
 */
export async function seedDemo(app: DemoTarget, today: string): Promise<SeededAccount[] | undefined> {
  if ((await app.records.accounts()).length > 0) return undefined;
  if ((await app.records.children()).length > 0) return undefined;
  const passwords: SeededAccount[] = [];
  for (const a of DEMO_ACCOUNTS) {
    const password = generatePassword();
    await app.records.addAccount({
      username: a.username,
      name: a.name,
      role: a.role,
      organisation: a.organisation,
      admin: a.admin,
      disabled: false,
      passwordHash: await hashPassword(password),
      createdAt: new Date().toISOString(),
    });
    passwords.push({ username: a.username, password, name: a.name, role: a.role });
  }
  for (const child of CHILDREN) {
    const docs = buildChildDocuments({ pathwayId: child.pathwayId, details: { name: child.name, dateOfBirth: child.dateOfBirth, ...child.details }, by: 'Demo data' });
    const plan = planOf(docs.plan) as Plan;
    const pathway = templates.get(child.pathwayId);
    if (pathway?.kind !== 'pathway') throw new Error(`demo child ${child.name}: ${child.pathwayId} is not a pathway`);
    plan.transact(() => {
      for (const [stage, daysAgo] of child.stages) recordStageDate(plan, pathway, stage, addDays(today, -daysAgo));
    });
    await app.plans.store(docs.childId, docs, 'system', 'create');
    for (const a of DEMO_ACCOUNTS) await app.records.grant({ username: a.username, childId: docs.childId, level: a.access, restricted: a.restricted });
  }
  return passwords;
}
