// The batch examples of deploy/ checked offline: the Kubernetes Indexed Job against the Job fields
// it relies on (no cluster and no kubeconform here), and both it and the Slurm array script run for
// real with a stub `replearn` that records its arguments, so the shards they ask for are checked.
import { strict as assert } from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { projectRoot } from '../../lib/project';

const root = projectRoot();

/** The YAML documents of `file`, parsed by PyYAML from the project's .venv (JupyterLab depends on it). */
function readYaml(file: string): unknown[] {
  const python = path.join(root, '.venv', 'bin', 'python');
  assert.ok(fs.existsSync(python), `${python} is missing: run npm install (it creates .venv)`);
  const out = execFileSync(
    python,
    ['-c', 'import json, sys, yaml; print(json.dumps(list(yaml.safe_load_all(open(sys.argv[1])))))', file],
    { encoding: 'utf8' },
  );
  return JSON.parse(out) as unknown[];
}

/** A folder holding an executable `replearn` that appends its argument list (JSON) to `log`. */
function stubReplearn(dir: string, log: string): string {
  const bin = path.join(dir, 'bin');
  fs.mkdirSync(bin, { recursive: true });
  const stub = path.join(bin, 'replearn');
  fs.writeFileSync(
    stub,
    `#!${process.execPath}\nrequire('fs').appendFileSync(${JSON.stringify(log)}, JSON.stringify(process.argv.slice(2)) + '\\n');\n`,
  );
  fs.chmodSync(stub, 0o755);
  return bin;
}

function calls(log: string): string[][] {
  return fs.existsSync(log)
    ? fs
        .readFileSync(log, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as string[])
    : [];
}

const flag = (args: string[], name: string): string | undefined => args[args.indexOf(name) + 1];

interface Container {
  image?: string;
  command?: string[];
  args?: string[];
  env?: { name: string; value?: string }[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  volumeMounts?: { name: string; mountPath: string }[];
}
interface IndexedJob {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string };
  spec?: {
    completionMode?: string;
    completions?: number;
    parallelism?: number;
    backoffLimit?: number;
    template?: {
      spec?: {
        restartPolicy?: string;
        containers?: Container[];
        volumes?: { name: string; persistentVolumeClaim?: { claimName: string } }[];
      };
    };
  };
}

describe('deploy/: Kubernetes Indexed Job and Slurm array script (offline)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replearn-deploy-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('the Indexed Job has the fields an Indexed Job needs, and pod K asks for shard K+1 of completions', () => {
    const docs = readYaml(path.join(root, 'deploy', 'kubernetes', 'grade-job.yaml'));
    assert.equal(docs.length, 1);
    const job = docs[0] as IndexedJob;
    assert.equal(job.apiVersion, 'batch/v1');
    assert.equal(job.kind, 'Job');
    assert.match(job.metadata?.name ?? '', /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'metadata.name: a DNS label');
    const spec = job.spec ?? {};
    assert.equal(spec.completionMode, 'Indexed');
    const n = spec.completions ?? 0;
    assert.ok(Number.isInteger(n) && n >= 1, 'completions: a whole number');
    assert.ok(Number.isInteger(spec.parallelism) && (spec.parallelism ?? 0) <= n);
    const pod = spec.template?.spec ?? {};
    assert.ok(['Never', 'OnFailure'].includes(pod.restartPolicy ?? ''), 'a Job pod restarts Never or OnFailure');
    assert.equal(pod.containers?.length, 1);
    const c = pod.containers[0];
    assert.ok(c.image, 'image');
    const env = Object.fromEntries((c.env ?? []).map((e) => [e.name, e.value ?? '']));
    for (const e of c.env ?? []) assert.equal(typeof e.value, 'string', `env ${e.name}: values are strings in YAML`);
    assert.equal(Number(env.SHARDS), n, 'SHARDS must equal completions, or slices are lost');
    for (const m of c.volumeMounts ?? []) {
      assert.ok(
        pod.volumes?.some((v) => v.name === m.name),
        `volume ${m.name} is mounted but not declared`,
      );
    }
    const mem = c.resources?.requests?.memory ?? '';
    assert.match(mem, /^\d+(Mi|Gi)$/);

    // Run every pod's command line with a stub replearn: shards 1..n, each once, each into its own folder.
    const log = path.join(dir, 'calls.log');
    const bin = stubReplearn(dir, log);
    const [shell, ...shellArgs] = [...(c.command ?? []), ...(c.args ?? [])];
    for (let index = 0; index < n; index++) {
      const r = spawnSync(shell, shellArgs, {
        env: { ...env, PATH: `${bin}:${process.env.PATH}`, JOB_COMPLETION_INDEX: String(index) },
        encoding: 'utf8',
      });
      assert.equal(r.status, 0, r.stderr);
    }
    const seen = calls(log);
    assert.equal(seen.length, n);
    assert.deepEqual(
      seen.map((a) => flag(a, '--shard')),
      Array.from({ length: n }, (_, i) => `${i + 1}/${n}`),
    );
    assert.equal(new Set(seen.map((a) => flag(a, '--out'))).size, n);
    for (const a of seen) {
      assert.equal(a[0], 'grade');
      assert.equal(flag(a, '--jobs'), env.JOBS);
    }
  });

  it('the Slurm array script passes bash -n, asks task K for shard K/N and refuses a bad array', () => {
    const script = path.join(root, 'deploy', 'slurm', 'grade-array.sh');
    const syntax = spawnSync('bash', ['-n', script], { encoding: 'utf8' });
    assert.equal(syntax.status, 0, syntax.stderr);
    const text = fs.readFileSync(script, 'utf8');
    const array = /^#SBATCH --array=1-(\d+)$/m.exec(text);
    assert.ok(array, 'an #SBATCH --array=1-N line');
    const log = path.join(dir, 'calls.log');
    const stub = path.join(stubReplearn(dir, log), 'replearn');
    const run = (extra: Record<string, string>, args = ['ag', 'subs', 'grades']): ReturnType<typeof spawnSync> =>
      spawnSync('bash', [script, ...args], {
        env: { PATH: process.env.PATH ?? '', REPLEARN: stub, SLURM_CPUS_PER_TASK: '2', ...extra },
        encoding: 'utf8',
      });
    for (const k of [1, 2, 3]) {
      const r = run({ SLURM_ARRAY_TASK_ID: String(k), SLURM_ARRAY_TASK_COUNT: '3', SLURM_ARRAY_TASK_MAX: '3' });
      assert.equal(r.status, 0, String(r.stderr));
    }
    assert.deepEqual(calls(log), [
      ['grade', 'ag', 'subs', '--out', 'grades/shard-1', '--shard', '1/3', '--jobs', '2'],
      ['grade', 'ag', 'subs', '--out', 'grades/shard-2', '--shard', '2/3', '--jobs', '2'],
      ['grade', 'ag', 'subs', '--out', 'grades/shard-3', '--shard', '3/3', '--jobs', '2'],
    ]);
    // An array with a gap (1,3,5: count 3, max 5) would leave slices ungraded: refused.
    const gap = run({ SLURM_ARRAY_TASK_ID: '3', SLURM_ARRAY_TASK_COUNT: '3', SLURM_ARRAY_TASK_MAX: '5' });
    assert.equal(gap.status, 2);
    assert.match(String(gap.stderr), /1-N with no gaps/);
    assert.equal(run({}).status, 1, 'outside sbatch: refused');
    assert.equal(run({ SLURM_ARRAY_TASK_ID: '1', SLURM_ARRAY_TASK_COUNT: '1' }, ['ag']).status, 2);
    assert.equal(calls(log).length, 3, 'no call from the refused runs');
  });
});
