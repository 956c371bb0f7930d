/**
 * Entry point of the browser client, bundled by `scripts/build-client.ts` into
 * `client/dist/main.js`. It only imports element files; each file defines its custom element
 * as a side effect. `<app-root>` imports the elements of its pages; add a new top-level
 * element with one import line here.
 */
import './app-root.ts';
