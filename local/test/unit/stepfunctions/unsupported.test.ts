import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { scanDefinition } from '../../../stepfunctions';
import definitions from '../../fixtures/stepfunctions/unsupported-definitions.json';
import { fakeLambda, machineArn, stateMachineResource, stepFunctionsKit } from './sfn-test-kit';

const start = stepFunctionsKit();
const none = new Set<string>();
const messages = (definition: Record<string, unknown>, integrations = none) =>
  scanDefinition(definition, integrations).map(
    (finding) => `${finding.level} ${finding.state ?? '-'}: ${finding.message}`,
  );

describe('features the local cloud cannot run faithfully', () => {
  it.each([
    ['jsonata', /unsupported -: QueryLanguage JSONata/],
    ['assign', /unsupported A: Assign/],
    ['waitForTaskToken', /unsupported Ship: task tokens \(\.waitForTaskToken\)/],
    ['sync', /unsupported Child: the \.sync integration pattern/],
    ['distributedMap', /unsupported Each: ItemReader \(Distributed Map\)/],
    ['sqsSendMessage', /unsupported Notify: service integration sqs:sendMessage is not emulated/],
  ] as const)('reports %s', (name, expected) => {
    expect(messages(definitions[name]).join('\n')).toMatch(expected);
  });

  it('accepts a service integration that is plugged in', () => {
    expect(messages(definitions.sqsSendMessage, new Set(['sqs:sendMessage']))).toEqual([]);
  });

  it('reports every finding at start and refuses to run such a definition (InvalidDefinition)', async () => {
    const { service, client } = await start(
      [
        stateMachineResource('Tokens', definitions.waitForTaskToken),
        stateMachineResource('Logged', definitions.assign, {
          LoggingConfiguration: { Level: 'ALL' },
          TracingConfiguration: { Enabled: true },
        }),
      ],
      { lambda: fakeLambda({}).service },
    );

    expect(service.warnings()).toEqual([
      expect.stringMatching(
        /^Step Functions: state machine Tokens state Ship: task tokens .*\(executions are refused\)$/,
      ),
      expect.stringMatching(/^Step Functions: state machine Logged state A: Assign/),
      'Step Functions: state machine Logged: LoggingConfiguration is accepted; no logs are delivered',
      "Step Functions: state machine Logged: TracingConfiguration (X-Ray): no trace is recorded; its Lambda tasks continue the execution's trace (_X_AMZN_TRACE_ID)",
    ]);
    await expect(
      client.send(new StartExecutionCommand({ stateMachineArn: machineArn('Tokens') })),
    ).rejects.toMatchObject({
      name: 'InvalidDefinition',
      message: expect.stringContaining('waitForTaskToken'),
    });
  });

  it('runs a plugged-in integration with the Task parameters', async () => {
    const sent: unknown[] = [];
    const { service, client } = await start([stateMachineResource('Notify', definitions.sqsSendMessage)], {
      lambda: fakeLambda({}).service,
      integrations: {
        'sqs:sendMessage': async (parameters) => {
          sent.push(parameters);
          return { MessageId: 'm-1' };
        },
      },
    });

    await client.send(
      new StartExecutionCommand({ stateMachineArn: machineArn('Notify'), input: '{"hello":1}' }),
    );
    await service.drain();

    expect(sent).toEqual([{ QueueUrl: 'http://localhost/000000000000/q', MessageBody: { hello: 1 } }]);
  });

  it('refuses a definition the interpreter finds invalid, at its first execution', async () => {
    const { client } = await start(
      [stateMachineResource('Dangling', { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Nowhere' } } })],
      { lambda: fakeLambda({}).service },
    );

    await expect(
      client.send(new StartExecutionCommand({ stateMachineArn: machineArn('Dangling') })),
    ).rejects.toMatchObject({
      name: 'InvalidDefinition',
    });
  });
});
