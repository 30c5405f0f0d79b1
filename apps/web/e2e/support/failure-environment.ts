import type { EnvironmentContext, JestEnvironmentConfig } from '@jest/environment';
import type { Circus } from '@jest/types';
import { TestEnvironment } from 'jest-environment-node';
import { ON_TEST_FAILURE, type OnTestFailure } from './test-failure-hook';

/**
 * Node's test environment, plus one thing for browser tests: when a test or hook fails, the
 * browsers it used save what they show before the after-hooks close them. Jest awaits this
 * handler before running those hooks, which is why it lives here and not in an afterEach (an
 * afterEach cannot tell whether its test failed).
 */
export default class FailureArtifactsEnvironment extends TestEnvironment {
  private readonly testPath: string;

  constructor(config: JestEnvironmentConfig, context: EnvironmentContext) {
    super(config, context);
    this.testPath = context.testPath;
  }

  async handleTestEvent(event: Circus.Event): Promise<void> {
    if (event.name !== 'test_fn_failure' && event.name !== 'hook_failure') return;
    const onFailure = this.global[ON_TEST_FAILURE] as OnTestFailure | undefined;
    if (!onFailure) return;
    const testName =
      event.name === 'test_fn_failure'
        ? fullName(event.test)
        : `${fullName(event.test ?? event.describeBlock)} (${event.hook.type})`;
    // Saving evidence must never hide the failure it documents, nor fail the run by itself.
    await onFailure({ testPath: this.testPath, testName }).catch((error: unknown) => {
      process.stderr.write(`Could not save the browser artifacts of "${testName}": ${String(error)}\n`);
    });
  }
}

function fullName(entry: Circus.TestEntry | Circus.DescribeBlock | undefined): string {
  const names: string[] = [];
  for (let at = entry; at && at.parent; at = at.parent) names.unshift(at.name);
  return names.join(' › ') || 'file';
}
