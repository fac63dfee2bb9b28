// The maildns CLI run from the TypeScript sources (through tsx), for `npm run bench -- --cli source`
// and the smoke test, which must not rebuild dist/ while other tests read it.
import { run } from '../src/cli/main.js';

process.exitCode = await run(process.argv.slice(2));
