import { CORE_SCHEMA, load } from 'js-yaml';
import type * as Yaml from 'yaml';

/**
 * What js-yaml reads otherwise than `yaml`, found by a review that compared them on ~50,000 edits
 * of the shipped files: a lone carriage return (js-yaml breaks the line there), a `%YAML 1.1`
 * directive (js-yaml ignores it), an explicit tag (`!!float 1` is 1 in js-yaml, '1' in `yaml`), and
 * anchors and aliases (`yaml` caps their use). None of the shipped files has one. Still read
 * differently, and left so, as no content file has reason to hold one: a null key (`~: x` is the
 * key "null" in js-yaml, "" in `yaml`) and an implicit key over 1,024 characters (js-yaml takes it,
 * `yaml` refuses it).
 */
const READ_OTHERWISE = /\r(?!\n)|^%|(?:^|[\s[{,])[!&*]/m;

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
 * null). Texts where the two would read a valid file differently go to `yaml` at once (see
 * READ_OTHERWISE). `yaml-text.spec.ts` checks that js-yaml alone reads every shipped file as
 * `yaml` does.
 */
export function parseYamlText(text: string): unknown {
  if (READ_OTHERWISE.test(text)) return thoroughParse(text);
  try {
    return load(text, { schema: CORE_SCHEMA });
  } catch {
    return thoroughParse(text);
  }
}

/** `yaml`'s parse, whose errors name the problem in words; required on first use only. */
function thoroughParse(text: string): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when needed: ~45 ms a start otherwise
  const { parse } = require('yaml') as typeof Yaml;
  return parse(text);
}
