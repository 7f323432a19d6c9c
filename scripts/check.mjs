#!/usr/bin/env node
// `npm run check`: the one quality gate. Format, lint with zero warnings,
// types, proto lint, generated code up to date, and architecture rules.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const GENERATED = 'libs/grpc/src/generated';
let failed = false;

function step(name, command, args) {
  process.stdout.write(`\n▶ ${name}\n`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    failed = true;
    process.stdout.write(`✖ ${name} failed\n`);
  }
  return result.status === 0;
}

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

function generatedIsFresh() {
  process.stdout.write('\n▶ generated gRPC code is up to date\n');
  const out = mkdtempSync(join(tmpdir(), 'kyc-gen-'));
  try {
    const generate = spawnSync('npx', ['buf', 'generate', '--output', out], { stdio: 'inherit' });
    // Outside the repository prettier finds no config of ours: name it, or the copy is formatted differently.
    const format = spawnSync('npx', ['prettier', '--config', '.prettierrc.json', '--log-level', 'warn', '--write', join(out, GENERATED)], { stdio: 'inherit' });
    if (generate.status !== 0 || format.status !== 0) throw new Error('generation failed');
    const fresh = files(join(out, GENERATED))
      .map((path) => relative(join(out, GENERATED), path))
      .sort();
    const committed = files(GENERATED)
      .map((path) => relative(GENERATED, path))
      .sort();
    const stale = [...new Set([...fresh, ...committed])].filter((path) => {
      try {
        return readFileSync(join(out, GENERATED, path), 'utf8') !== readFileSync(join(GENERATED, path), 'utf8');
      } catch {
        return true;
      }
    });
    if (stale.length) throw new Error(`stale: ${stale.join(', ')} (run npm run gen:proto)`);
    process.stdout.write('generated code matches proto/\n');
  } catch (error) {
    failed = true;
    process.stdout.write(`✖ ${error.message}\n`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

// nest-cli.json is the monorepo's project map (`nest generate … --project <name>` reads it):
// an app or lib folder it does not list, or a listed project with no folder, is drift.
function nestProjectsMatchFolders() {
  process.stdout.write('\n▶ nest-cli.json lists every app and lib\n');
  const projects = JSON.parse(readFileSync('nest-cli.json', 'utf8')).projects;
  const listed = Object.entries(projects)
    .map(([name, project]) => `${project.root}=${name}`)
    .sort();
  const folders = ['apps', 'libs'].flatMap((dir) => readdirSync(dir).map((name) => `${dir}/${name}=${name}`)).sort();
  const drift = [...new Set([...listed, ...folders])].filter((entry) => !listed.includes(entry) || !folders.includes(entry));
  if (drift.length) {
    failed = true;
    process.stdout.write(`✖ nest-cli.json and the folders differ: ${drift.join(', ')}\n`);
  } else process.stdout.write(`${listed.length} projects\n`);
}

step('format (prettier)', 'npx', ['prettier', '--check', '--log-level', 'warn', '.']);
step('lint (oxlint, zero warnings)', 'npx', ['oxlint', '--deny-warnings', 'apps', 'libs', 'scripts', 'test', 'bench']);
step('types (tsc)', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
step('proto lint (buf)', 'npx', ['buf', 'lint']);
generatedIsFresh();
nestProjectsMatchFolders();
step('architecture (dependency-cruiser)', 'npx', ['depcruise', 'apps', 'libs', 'scripts', '--config', '.dependency-cruiser.cjs']);

process.stdout.write(failed ? '\n✖ check failed\n' : '\n✔ check passed\n');
process.exit(failed ? 1 : 0);
