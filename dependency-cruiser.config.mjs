// The arrows of the design (../shared/DESIGN.md, "Architecture"), checked by `npm run lint`
// with dependency-cruiser: every import that runs against them, and every import cycle, fails
// the lint. Layers are listed bottom first; a file may import its own layer and those below.
//
//   model/wire  <-  model  <-  templates (data; imports model's schemas)
//   sync-server: storage/db <- storage/{documents, records} <- storage/backup
//                <- plans, auth, calendar <- collab, validation <- http, admin, demo, config <- app <- main
//   client:      ui, session <- sync, binding <- fields <- forms <- features/* <- app <- main
//   client and sync-server import model and templates, never each other.
//   testing/ folders serve tests only.

/** Files that are tests or serve only tests. */
const TESTS = '(\\.test\\.ts|\\.suite\\.ts|\\.bench\\.ts)$|^tests/|/testing/';

/** Forbidden arrows "from a layer to what sits above it", as one rule per layer. */
function above(name, from, to, comment) {
  return { name, comment, severity: 'error', from: { path: from, pathNot: TESTS }, to: { path: to } };
}

const server = 'sync-server/';
const layers = {
  db: `^${server}storage/db/`,
  documents: `^${server}storage/documents/`,
  records: `^${server}storage/records/`,
  backup: `^${server}storage/backup/`,
  plans: `^${server}(plans|auth|calendar)/`,
  collab: `^${server}(collab|validation)/`,
  edge: `^${server}(http|admin|demo)/|^${server}(static-files|config)\\.ts$`,
  app: `^${server}app\\.ts$`,
  main: `^${server}main\\.ts$`,
};
const order = Object.keys(layers);
/** A regex for every server layer above `name`. */
const serverAbove = (name) => order.slice(order.indexOf(name) + 1).map((l) => layers[l]).join('|');

const client = 'client/';
const clientLayers = {
  base: `^${client}(ui|session)/`,
  sync: `^${client}(sync|binding)/`,
  fields: `^${client}fields/`,
  forms: `^${client}forms/`,
  features: `^${client}features/`,
  app: `^${client}app/`,
  main: `^${client}main\\.ts$`,
};
const clientOrder = Object.keys(clientLayers);
const clientAbove = (name) => clientOrder.slice(clientOrder.indexOf(name) + 1).map((l) => clientLayers[l]).join('|');

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    { name: 'no-cycle', comment: 'No import cycles, of any length.', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'wire-stands-alone',
      comment: 'model/wire is the contract between client and server: it imports only zod.',
      severity: 'error',
      from: { path: '^model/wire/', pathNot: TESTS },
      to: { path: '^(?!model/wire/)', dependencyTypes: ['local', 'core', 'npm', 'npm-dev', 'npm-no-pkg', 'npm-unknown'], pathNot: '(^|/)node_modules/zod/' },
    },
    {
      name: 'model-is-shared',
      comment: 'model/ runs in Node and in the browser: no server, client, templates data, tests or scripts.',
      severity: 'error',
      from: { path: '^model/', pathNot: TESTS },
      to: { path: '^(sync-server|client|templates|tests|scripts)/' },
    },
    {
      name: 'model-without-node',
      comment: 'model/ imports no Node built-ins (it is also type-checked without Node types).',
      severity: 'error',
      from: { path: '^model/', pathNot: TESTS },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'templates-are-data',
      comment: 'templates/ imports only model (its schemas).',
      severity: 'error',
      from: { path: '^templates/', pathNot: TESTS },
      to: { path: '^(sync-server|client|tests|scripts)/' },
    },
    {
      name: 'client-not-server',
      comment: 'The client imports model and templates, never the server, the tests or Node built-ins.',
      severity: 'error',
      from: { path: '^client/' },
      to: { path: '^(sync-server|tests|scripts)/' },
    },
    { name: 'client-without-node', severity: 'error', from: { path: '^client/' }, to: { dependencyTypes: ['core'] } },
    {
      name: 'server-not-client',
      comment: 'The server imports model and templates, never the client.',
      severity: 'error',
      from: { path: '^sync-server/' },
      to: { path: '^client/' },
    },
    {
      name: 'testing-serves-tests',
      comment: 'testing/ folders hold fixtures and fakes for tests; product code never imports them.',
      severity: 'error',
      from: { pathNot: TESTS },
      to: { path: '/testing/' },
    },
    ...order.slice(0, -1).map((l) => above(`server-${l}-below`, layers[l], serverAbove(l), `sync-server: ${l} imports only the layers below it.`)),
    {
      name: 'http-not-admin',
      comment: 'http/ and admin/ are two doors onto the same service: neither imports the other.',
      severity: 'error',
      from: { path: `^${server}(http)/`, pathNot: TESTS },
      to: { path: `^${server}admin/` },
    },
    { name: 'admin-not-http', severity: 'error', from: { path: `^${server}admin/`, pathNot: TESTS }, to: { path: `^${server}http/` } },
    {
      name: 'storage-parts-apart',
      comment: 'The document log and the server records stand on db/ only, not on each other.',
      severity: 'error',
      from: { path: `^${server}storage/(documents|records)/`, pathNot: TESTS },
      to: { path: `^${server}storage/(documents|records)/`, pathNot: `^${server}storage/$1/` },
    },
    ...clientOrder.slice(0, -1).map((l) => above(`client-${l}-below`, clientLayers[l], clientAbove(l), `client: ${l} imports only the layers below it.`)),
    {
      name: 'features-apart',
      comment: 'A feature never imports another feature; a page shows another feature’s element by its tag.',
      severity: 'error',
      from: { path: '^client/features/([^/]+)/' },
      to: { path: '^client/features/', pathNot: '^client/features/$1/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|client/dist|data|coverage|test-results|\\.tmp)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs', '.json'] },
    skipAnalysisNotInRules: true,
  },
};
