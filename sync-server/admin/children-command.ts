/**
 * `children create|list|import`: children's plans made on the command line. `create` makes one
 * child from a pathway template and prints the new id; `list` shows the caseload index;
 * `import` (see `children-import.ts`) brings in a tracker spreadsheet saved as CSV. Children
 * made here are stored straight into the document log (see `new-children.ts`) with audit
 * entries by `admin`; nobody has access to them until `grant` gives it.
 */
import type { TemplateRegistry } from '../../model/template/registry.ts';
import { templates } from '../../templates/index.ts';
import { AdminReply, formatTable, parseCommandArgs, plural } from './admin-reply.ts';
import { runOnStore, type AdminEnv } from './admin-store.ts';
import { childFields, fieldNamed, readFieldText } from './child-details-input.ts';
import { importChildren } from './children-import.ts';
import type { AdminCommand, AdminIo } from './command.ts';
import { duplicateMessage } from '../plans/likely-duplicate.ts';
import { buildChild, likelyDuplicateInStore, StoreChildError, storeChild } from '../plans/new-children.ts';

/** The usage lines of the `children` subcommands, without `npm run admin -- `. */
export const CHILDREN_USAGE = {
  create:
    "children create --template <pathway id> --name <child's name> [--dob YYYY-MM-DD] [--jurisdiction <nation>] [--legal-status <status>] [--proceedings <stage>] [--detail <field>=<value>]... [--confirm-duplicate] [--json]",
  list: 'children list [--json]',
  import: 'children import <tracker.csv> [--dry-run] [--skip-existing] [--json]',
};

/** What `makeChildrenCommand` may be given instead of the defaults (tests). */
export interface ChildrenCommandOptions {
  /** Where DATA_DIR and DATABASE_URL come from; read when the command runs. Default process.env. */
  readonly env?: AdminEnv;
  readonly registry?: TemplateRegistry;
  /** Today as YYYY-MM-DD, for ratings and stage dates; default this machine's local date. */
  readonly today?: () => string;
}

/** Makes the `children` command; the registered one uses the defaults. */
export function makeChildrenCommand(options: ChildrenCommandOptions = {}): AdminCommand {
  const env = options.env ?? process.env;
  const registry = options.registry ?? templates;
  return {
    name: 'children',
    summary: 'children: create --template <pathway> --name <name> (prints the id), list, import <tracker.csv> [--dry-run]',
    async run(args, io) {
      const [sub, ...rest] = args;
      switch (sub) {
        case 'create':
          return create(rest, io, env, registry, options.today);
        case 'list':
          return list(rest, io, env);
        case 'import':
          return importChildren(rest, io, { env, registry, today: options.today });
        case '--help':
        case '-h':
          for (const u of Object.values(CHILDREN_USAGE)) io.err(`usage: npm run admin -- ${u}`);
          return 0;
        default:
          return new AdminReply(io, 'children', 'children create|list|import ... (see npm run admin -- children --help)', args).usage(
            sub === undefined ? 'name what to do: create, list or import' : `unknown children command "${sub}"`,
          );
      }
    },
  };
}

/** Named options of `create` and the child's details field each sets. */
const DETAIL_OPTIONS = { name: 'name', dob: 'dateOfBirth', jurisdiction: 'jurisdiction', 'legal-status': 'legalStatus', proceedings: 'proceedings' } as const;

async function create(args: string[], io: AdminIo, env: AdminEnv, registry: TemplateRegistry, today: (() => string) | undefined): Promise<number> {
  const reply = new AdminReply(io, 'children create', CHILDREN_USAGE.create, args);
  const parsed = parseCommandArgs(
    args,
    {
      template: { type: 'string' },
      name: { type: 'string' },
      dob: { type: 'string' },
      jurisdiction: { type: 'string' },
      'legal-status': { type: 'string' },
      proceedings: { type: 'string' },
      detail: { type: 'string', multiple: true },
      'confirm-duplicate': { type: 'boolean' },
    },
    reply,
    { min: 0, max: 0, names: '' },
  );
  if (!parsed) return 2;
  const { values } = parsed;
  if (values.template === undefined) return reply.usage(`name the pathway with --template (one of: ${registry.ofKind('pathway').map((p) => p.id).join(', ')})`);
  if (values.name === undefined) return reply.usage("give the child's name with --name");
  const fields = childFields(registry);
  const details: Record<string, string | boolean> = {};
  const problems: string[] = [];
  const set = (fieldName: string, text: string, option: string): void => {
    const field = fieldNamed(fieldName, fields);
    if (!field) return void problems.push(`${option}: "${fieldName}" is not a field of the child's details (fields: ${fields.map((f) => f.id).join(', ')})`);
    if (text.trim() === '') return void problems.push(`${option}: give a value for ${field.id}`);
    const read = readFieldText(field, text);
    if (read.ok) details[field.id] = read.value;
    else problems.push(`${option}: ${read.problem}`);
  };
  for (const [option, fieldId] of Object.entries(DETAIL_OPTIONS)) {
    const text = values[option as keyof typeof DETAIL_OPTIONS];
    if (text !== undefined) set(fieldId, text, `--${option}`);
  }
  for (const pair of values.detail ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) problems.push(`--detail "${pair}": write it as <field>=<value>, e.g. --detail caseRecordId=123456`);
    else set(pair.slice(0, eq), pair.slice(eq + 1), `--detail ${pair.slice(0, eq)}`);
  }
  if (problems.length > 0) return reply.usage(problems.join('; '));
  let built;
  try {
    built = buildChild({ pathwayId: values.template, details }, registry, today?.());
  } catch (error) {
    if (error instanceof RangeError) return reply.usage(error.message);
    throw error;
  }
  return runOnStore(
    env,
    reply,
    'creating the child',
    async (store) => {
      const duplicate = values['confirm-duplicate'] === true ? undefined : await likelyDuplicateInStore(store, built);
      if (duplicate !== undefined) return reply.failed('likely-duplicate', duplicateMessage(built.name, undefined, `add --confirm-duplicate (it is like child ${duplicate})`), { childId: duplicate });
      const child = await storeChild(store, built, 'create');
      const pathway = registry.get(values.template!);
      return reply.done({ childId: child.childId, document: `child:${child.childId}`, summary: child.summary }, [
        child.childId,
        `created ${child.name} (child ${child.childId}) on ${pathway?.title ?? values.template!}, in ${store.where}`,
        `nobody has access yet: npm run admin -- grant <username> ${child.childId} read|edit [--restricted]`,
      ]);
    },
    (error) => (error instanceof StoreChildError ? reply.failed('storage', error.message, { childId: error.childId, stored: error.stored }) : undefined),
  );
}

async function list(args: string[], io: AdminIo, env: AdminEnv): Promise<number> {
  const reply = new AdminReply(io, 'children list', CHILDREN_USAGE.list, args);
  if (!parseCommandArgs(args, {}, reply, { min: 0, max: 0, names: '' })) return 2;
  return runOnStore(env, reply, 'listing the children', async (store) => {
    const children = await store.records.children();
    const withGrants = await Promise.all(children.map(async (c) => ({ ...c, grants: (await store.records.grantsOn(c.childId)).map((g) => ({ username: g.username, level: g.level, restricted: g.restricted })) })));
    const table = [
      ['CHILD ID', 'NAME', 'PATHWAY', 'LATEST STAGE', 'RATING', 'AS OF', 'NEXT DUE', 'ACCESS'],
      ...withGrants.map((c) => [
        c.childId,
        c.name,
        c.pathwayId ?? '-',
        c.stage ?? '-',
        c.rating?.toUpperCase() ?? '-',
        c.ratedOn ?? '-',
        c.nextDue ? `${c.nextDue} ${c.nextDueTitle ?? ''}`.trim() : '-',
        c.grants.length === 0 ? 'nobody' : c.grants.map((g) => `${g.username}:${g.level}${g.restricted ? '+r' : ''}`).join(' '),
      ]),
    ];
    return reply.done({ children: withGrants }, [...formatTable(table), '', `${plural(children.length, 'child', 'children')} in ${store.where} (AS OF: the day each rating was computed for; +r: with the restricted part)`]);
  });
}

/** `npm run admin -- children ...`. */
export const childrenCommand: AdminCommand = makeChildrenCommand();
