// Integration suites start a JVM (DynamoDB Local) and synthesize an app in `beforeAll`: allow for a busy CI box.
jest.setTimeout(60_000);
