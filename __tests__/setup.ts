// core.setFailed leaves process.exitCode = 1, which would fail jest after green tests.
import { afterEach } from '@jest/globals';
import 'aws-sdk-client-mock-jest';

afterEach(() => {
  process.exitCode = 0;
});
