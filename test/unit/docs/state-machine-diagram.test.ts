import { conditionText } from '../../../scripts/docs/asl-conditions';
import { definitionOf, putEventsSources } from '../../../scripts/docs/asl-definition';
import { type AslMachine, stateMachineDiagram } from '../../../scripts/docs/state-machine-diagram';

const MACHINE: AslMachine = {
  StartAt: 'Check',
  States: {
    Check: {
      Type: 'Choice',
      Choices: [
        { Variable: '$.status', StringEquals: 'PENDING', Next: 'Both' },
        {
          And: [
            { Variable: '$.total', NumericGreaterThan: 100 },
            { Not: { Variable: '$.vip', IsPresent: true } },
          ],
          Next: 'Refuse',
        } as never,
      ],
      Default: 'Done',
    },
    Both: {
      Type: 'Parallel',
      Branches: [
        {
          StartAt: 'Reserve',
          States: {
            Reserve: {
              Type: 'Task',
              Resource: 'arn:aws:lambda:r:a:function:App-Reserve',
              End: true,
            },
          },
        },
        { StartAt: 'Wait', States: { Wait: { Type: 'Wait', Seconds: 5, End: true } } },
      ],
      Retry: [
        {
          ErrorEquals: ['Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException'],
          MaxAttempts: 4,
        },
        { ErrorEquals: ['OutOfStock'], MaxAttempts: 0 },
      ],
      Catch: [{ ErrorEquals: ['OutOfStock'], Next: 'Refuse' }],
      Next: 'Done',
    },
    Refuse: { Type: 'Fail', Error: 'Refused' },
    Done: { Type: 'Succeed' },
  },
};

describe('a state machine diagram', () => {
  const diagram = stateMachineDiagram(MACHINE);

  it('draws Choice branches with their conditions summarised, and the default', () => {
    expect(diagram).toContain('m_Check -->|"$.status == #quot;PENDING#quot;"| m_Both');
    expect(diagram).toContain('m_Check -->|"($.total &gt; 100) and (not ($.vip is present))"| m_Refuse');
    expect(diagram).toContain('m_Check -->|"default"| m_Done');
  });

  it('draws Catch as a dotted edge and Retry as a dotted loop, leaving out retriers of 0 attempts', () => {
    expect(diagram).toContain('m_Both -.->|"catch OutOfStock"| m_Refuse');
    expect(diagram).toContain('m_Both -.->|"retry Lambda.* (3) ×4"| m_Both');
    expect(diagram).not.toContain('retry OutOfStock');
  });

  it('nests Parallel branches, each with its own states, and ends them', () => {
    expect(diagram).toContain('subgraph m_Both["Both<br/>Parallel"]');
    expect(diagram).toContain('subgraph m_Both_0["branch 1"]');
    expect(diagram).toContain('m_Both_0_Reserve["Reserve<br/>λ App-Reserve"]');
    expect(diagram).toContain('subgraph m_Both_1["branch 2"]');
    expect(diagram).toContain('start --> m_Check');
  });

  it("reads a DefinitionString's Fn::Join with placeholders for its tokens", () => {
    const machine = definitionOf({
      DefinitionString: {
        'Fn::Join': [
          '',
          [
            '{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:',
            { Ref: 'AWS::Partition' },
            ':states:::events:putEvents","Parameters":{"Bus":"',
            { 'Fn::ImportValue': 'Events:Bus' },
            '"},"End":true}}}',
          ],
        ],
      },
    });
    expect(machine.States.A?.Resource).toBe(`arn:\${AWS::Partition}:states:::events:putEvents`);
    expect(stateMachineDiagram(machine)).toContain('m_A["A<br/>events:putEvents"]');
  });

  it('summarises JSONata conditions and type tests', () => {
    expect(conditionText({ Condition: '{% $states.input.ok %}' })).toBe('{% $states.input.ok %}');
    expect(conditionText({ Variable: '$.x', IsNull: false })).toBe('$.x is not null');
    expect(conditionText({ Variable: '$.a', StringEqualsPath: '$.b' })).toBe('$.a == $.b');
  });
});

describe('the sources a state machine publishes with', () => {
  it("are its putEvents tasks' entries, nested ones included", () => {
    const publish = (source: string) => ({
      Type: 'Task',
      Resource: 'arn:aws:states:::events:putEvents',
      Parameters: { Entries: [{ Source: source, DetailType: 'X' }] },
      End: true,
    });
    const machine = {
      StartAt: 'P',
      States: {
        P: { ...publish('app.saga'), End: undefined, Next: 'Q' },
        Q: { Type: 'Parallel', Branches: [{ StartAt: 'R', States: { R: publish('app.other') } }], End: true },
      },
    } as unknown as AslMachine;
    expect(putEventsSources(machine)).toEqual(['app.saga', 'app.other']);
    expect(putEventsSources(MACHINE)).toEqual([]);
  });
});
