#!/usr/bin/env node
/**
 * node mutation/scores.js <report.json> …: the README's scores table and the survivors of
 * each StrykerJS JSON report, so the README is copied from the report rather than retyped.
 * Score = (killed + timeout) / (killed + timeout + survived + no coverage), as Stryker counts
 * it; errors (the mutant broke the test file's loading) are left out of the score by Stryker.
 */
const { readFileSync } = require('node:fs');

for (const path of process.argv.slice(2)) {
  const report = JSON.parse(readFileSync(path, 'utf8'));
  console.log(`\n${path}\n`);
  console.log('| file | score | killed | timeout | survived | no coverage | errors |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  const survivors = [];
  for (const [file, { mutants }] of Object.entries(report.files)) {
    const n = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, RuntimeError: 0, CompileError: 0 };
    for (const m of mutants) {
      n[m.status] = (n[m.status] ?? 0) + 1;
      if (m.status === 'Survived' || m.status === 'NoCoverage') survivors.push({ file, m });
    }
    const detected = n.Killed + n.Timeout;
    const valid = detected + n.Survived + n.NoCoverage;
    const score = valid === 0 ? 'n/a' : `${((100 * detected) / valid).toFixed(1)} %`;
    console.log(`| \`${file.replace(/^src\//, '')}\` | ${score} | ${n.Killed} | ${n.Timeout} | ${n.Survived} | ${n.NoCoverage} | ${n.RuntimeError + n.CompileError} |`);
  }
  for (const { file, m } of survivors) {
    const at = m.location.start;
    console.log(`- ${m.status} ${file.replace(/^src\//, '')}:${at.line}:${at.column} ${m.mutatorName} → ${JSON.stringify(m.replacement ?? '')}`);
  }
}
