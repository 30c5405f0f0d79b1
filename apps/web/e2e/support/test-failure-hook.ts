/**
 * How a failing browser test reaches the browsers it used: the test environment
 * (failure-environment.ts) runs outside the test's modules and finds the handler under this
 * global name, which browser.ts sets when a test launches Chromium.
 */
export const ON_TEST_FAILURE = '__mockboardOnTestFailure';

export interface TestFailure {
  /** Absolute path of the test file. */
  testPath: string;
  /** Describe blocks and test name, or the block and hook that failed. */
  testName: string;
}

export type OnTestFailure = (failure: TestFailure) => Promise<void>;
