import { localStageTemplates } from '../../scripts/docs/cloud-assembly';
import type { StackTemplate } from '../../scripts/docs/stack-exports';
import { docsFiles, staleDocs } from '../../scripts/generate-docs';

/**
 * docs/ holds pictures and references generated from the synthesized app and the contracts' schemas
 * (`npm run docs`). They must be what the generator makes now, so they never drift from the system.
 * The app is synthesized once for the whole file.
 */
describe('the generated docs', () => {
  let stacks: StackTemplate[];
  let expected: Map<string, string>;

  beforeAll(() => {
    stacks = localStageTemplates();
    expected = docsFiles(stacks);
  }, 180_000);

  it('are what `npm run docs` makes from the app now (run `npm run docs` after changing lib/ or a contract)', () => {
    expect(staleDocs(expected)).toEqual([]);
  });

  it('draw every stack the assembly holds, and every state machine', () => {
    const architecture = expected.get('architecture.md') ?? '';
    for (const { stackName } of stacks) expect(architecture).toContain(`\`${stackName}\``);
    const machines = stacks.flatMap(({ template }) =>
      Object.values(template.Resources ?? {}).filter((r) => r.Type === 'AWS::StepFunctions::StateMachine'),
    );
    expect(machines.length).toBeGreaterThan(0);
    expect((expected.get('state-machines.md') ?? '').match(/```mermaid/g)).toHaveLength(machines.length);
  });
});
