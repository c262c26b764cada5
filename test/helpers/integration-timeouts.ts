// Integration suites start a JVM (DynamoDB Local) and synthesize the app in `beforeAll`: allow for a busy CI box.
// A hang detector, not a budget: a hook that takes 20 s on an idle 2-core machine took over 60 s on a busy one.
jest.setTimeout(120_000);
