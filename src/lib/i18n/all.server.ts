// Both languages' messages, registered at once: for the server (imported by
// src/hooks.server.ts), scripts and tests. A server-only module (`.server`): SvelteKit refuses
// it in code the browser runs, where it would put both catalogues back into every page.
import { en } from './en';
import { registerCatalogue } from './index';
import { mn } from './mn';

registerCatalogue('mn', mn);
registerCatalogue('en', en);
