/**
 * `npm run watch`: the first usage hour after a release (see src/watch/watch.ts and the README, "After a
 * release"). Bad arguments or configuration stop it with one message and exit status 2.
 */
import { ConfigError, loadConfig } from '../config/env.js';
import { parseWatchOptions, USAGE, UsageError } from './options.js';
import { runWatch } from './watch.js';

async function main(): Promise<number> {
  let options;
  try {
    options = parseWatchOptions(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`postflight watch: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    return 2;
  }
  for (const warning of config.warnings) console.warn(`postflight: ${warning}`);
  return runWatch(options, config);
}

process.exitCode = await main();
