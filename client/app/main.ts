/**
 * Entry point of the browser client, bundled by `scripts/build-client.ts` into
 * `client/dist/main.js`. It styles the page shell from the design tokens and imports element
 * files; each file defines its custom element as a side effect. `<app-root>` imports the
 * elements of its pages (`elements.ts`); add a new top-level element with one import line here.
 */
import { adoptPageStyles } from '../ui/page-styles.ts';
import './app-root.ts';

adoptPageStyles();
