import { FunctionWarnings } from '../../../bench/e2e/function-warnings';

const logLine = (message: string) => JSON.stringify({ level: 'WARN', message, correlationId: 'c-1' });

describe('FunctionWarnings', () => {
  it('counts structured log lines by function and message, the most frequent first', () => {
    const warnings = new FunctionWarnings();
    warnings.accept('transform-crm', logLine('partial record held back'));
    warnings.accept('transform-crm', logLine('record quarantined'));
    warnings.accept('transform-crm', logLine('partial record held back'));
    warnings.accept('connector-erp', logLine('partial record held back'));
    expect(warnings.total).toBe(4);
    expect(warnings.byMessage()).toEqual({
      'transform-crm: partial record held back': 2,
      'transform-crm: record quarantined': 1,
      'connector-erp: partial record held back': 1,
    });
    expect(Object.keys(warnings.byMessage())[0]).toBe('transform-crm: partial record held back');
  });

  it('leaves metric documents to the metric tally, and names plain lines by their first words', () => {
    const warnings = new FunctionWarnings();
    warnings.accept('ingest-erp', '{"_aws":{"CloudWatchMetrics":[]},"WebhookAccepted":1}');
    warnings.accept('transform-erp', `No application metrics to publish. ${'x'.repeat(200)}`);
    expect(warnings.total).toBe(1);
    const [message] = Object.keys(warnings.byMessage());
    expect(message).toMatch(/^transform-erp: No application metrics to publish\. x+…$/);
    expect(message!.length).toBeLessThan(130);
  });

  it('folds messages beyond the twentieth into one count', () => {
    const warnings = new FunctionWarnings();
    for (let index = 0; index < 25; index++) warnings.accept('connector-crm', logLine(`problem ${index}`));
    const counts = warnings.byMessage();
    expect(Object.keys(counts)).toHaveLength(21);
    expect(counts['(other messages)']).toBe(5);
  });
});
