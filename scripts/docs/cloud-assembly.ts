import { synthShop } from '../../test/helpers/synth';
import type { CfnTemplate } from './cfn-intrinsics';
import type { StackTemplate } from './stack-exports';

/**
 * The `local` stage's cloud assembly, synthesized in memory as the tests do (no bundling: the pictures
 * need the templates, not the code) and env-agnostic, so the docs do not depend on the shell's account
 * and region. Every stack the assembly holds, in its order: a new stack is drawn without a change here.
 */
export function localStageTemplates(): StackTemplate[] {
  const saved = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };
  delete process.env.CDK_DEFAULT_ACCOUNT;
  delete process.env.CDK_DEFAULT_REGION;
  try {
    const { app } = synthShop('local');
    return app.synth().stacks.map((stack) => ({
      stackName: stack.stackName,
      template: stack.template as CfnTemplate,
    }));
  } finally {
    if (saved.account !== undefined) process.env.CDK_DEFAULT_ACCOUNT = saved.account;
    if (saved.region !== undefined) process.env.CDK_DEFAULT_REGION = saved.region;
  }
}
