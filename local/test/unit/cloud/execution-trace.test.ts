import { executionInput } from '../../../cloud/execution-trace';
import { TraceRing } from '../../../console/trace-ring';

/** A Step Functions line on the console's timeline: the execution's fields, its input's correlation id. */
const about = {
  executionArn: 'arn:aws:states:us-east-1:000000000000:execution:Saga:o-1',
  name: 'o-1',
  input: '{"orderId":"o-1","metadata":{"correlationId":"c-9"}}',
};

describe('executionInput', () => {
  it("records a state's step with the execution, in the group its input names", () => {
    const record = new TraceRing(5).push(
      executionInput('execution o-1 state Reserve entered', {
        ...about,
        status: 'RUNNING',
        state: 'Reserve',
        step: 'entered',
      }),
    );
    expect(record).toEqual({
      seq: 1,
      at: expect.any(Number),
      kind: 'states',
      line: 'states   execution o-1 state Reserve entered',
      execution: 'o-1',
      executionArn: about.executionArn,
      executionStatus: 'RUNNING',
      state: 'Reserve',
      event: 'entered',
      correlationId: 'c-9',
    });
  });

  it('gives only the end an outcome: a caught failure is the saga at work, not a failed request', () => {
    const failedStep = executionInput('x', { ...about, status: 'RUNNING', state: 'Pay', step: 'failed' });
    expect(failedStep).not.toHaveProperty('outcome');
    expect(executionInput('x', { ...about, status: 'SUCCEEDED' }).outcome).toBe('ok');
    expect(executionInput('x', { ...about, status: 'FAILED' }).outcome).toBe('FAILED');
  });

  it('has no correlation id when the input names none or is not JSON', () => {
    const ring = new TraceRing(5);
    const plain = ring.push(executionInput('x', { ...about, input: '{"orderId":"o-1"}', status: 'RUNNING' }));
    const malformed = ring.push(
      executionInput('x', { ...about, input: '{"correlationId":', status: 'RUNNING' }),
    );
    expect(plain.correlationId).toBeUndefined();
    expect(malformed.correlationId).toBeUndefined();
  });

  it('stays a plain line when the emitter says nothing about it', () => {
    expect(executionInput('execution e1 started', undefined)).toEqual({
      kind: 'states',
      line: 'states   execution e1 started',
    });
  });
});
