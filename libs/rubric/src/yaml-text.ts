import { CORE_SCHEMA, load } from 'js-yaml';
import type * as Yaml from 'yaml';

/**
 * Parses the YAML of a content file (the rubric, a prompt's front matter, topics, a diagram) and
 * throws an Error saying what is wrong and where when it is not valid YAML.
 *
 * Two parsers, each for what it does best. js-yaml reads a valid file about five times faster than
 * `yaml`: the shipped library's 76 YAML texts took ~320 ms of every server start with `yaml`
 * (~365 with loading it) against ~70 with js-yaml, which every test file that starts an app pays
 * again. `yaml` says better what to fix ("Missing closing "quote" where js-yaml says "deficient
 * indentation"), so a text js-yaml refuses is parsed again by `yaml`, loaded only then, whose
 * verdict stands: its error, or its value where it accepts what js-yaml does not (an empty text is
 * null). Both read YAML 1.2's core schema: a date or `yes` stays a string, `<<` is a plain key.
 * `yaml-text.spec.ts` checks that both read every shipped file alike.
 */
export function parseYamlText(text: string): unknown {
  try {
    return load(text, { schema: CORE_SCHEMA });
  } catch {
    return thoroughParse(text);
  }
}

/** `yaml`'s parse, whose errors name the problem in words; required on first use only. */
function thoroughParse(text: string): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only for a broken file: ~45 ms a start otherwise
  const { parse } = require('yaml') as typeof Yaml;
  return parse(text);
}
