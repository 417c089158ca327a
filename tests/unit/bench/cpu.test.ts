import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { CpuSampler } from '../../../bench/lib/cpu';

// The bench's CPU figures (bench/lib/cpu.ts): the CPU time of the processes the bench started, in
// a window of wall time. A child that spins is priced at about its spinning, one that sleeps at
// about nothing, and a window before either started at nothing.

const samplers: CpuSampler[] = [];
afterEach(() => {
  for (const s of samplers.splice(0)) s.stop();
});

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', () => resolve());
  });
}
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!CpuSampler.available)('CpuSampler (Linux /proc)', () => {
  it("prices a window at its child processes' CPU time", async () => {
    const cpu = new CpuSampler();
    samplers.push(cpu);
    cpu.start();
    const quiet0 = Date.now();
    await pause(200);
    const quiet1 = Date.now();
    const sleep0 = Date.now();
    await run('sleep', ['0.4']);
    const sleep1 = Date.now();
    await pause(60);
    const spin0 = Date.now();
    // 400 ms of spinning after its start: CPU time at most the wall time, at least most of the spin
    // (a busy machine may lend it less than a core).
    await run(process.execPath, ['-e', 'const end = Date.now() + 400; while (Date.now() < end);']);
    const spin1 = Date.now();
    await pause(60);
    cpu.stop();

    const quiet = cpu.between(quiet0, quiet1)!;
    const slept = cpu.between(sleep0, sleep1)!;
    const spun = cpu.between(spin0, spin1)!;
    expect(quiet.cpuMs).toBe(0);
    expect(quiet.wallMs).toBeGreaterThanOrEqual(quiet1 - quiet0);
    expect(slept.cpuMs).toBeLessThanOrEqual(40);
    expect(spun.cpuMs).toBeGreaterThanOrEqual(200);
    expect(spun.cpuMs).toBeLessThanOrEqual(spun.wallMs + 20);
  });

  it('a window without samples around it is not priced', () => {
    const cpu = new CpuSampler();
    expect(cpu.between(Date.now() - 1000, Date.now())).toBeNull();
  });
});
