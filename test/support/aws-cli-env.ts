import { spawnSync } from 'node:child_process';

/** Whether the AWS CLI (`aws`) is on PATH: suites that use it are skipped, and say so, where it is not. */
export const hasAwsCli = spawnSync('aws', ['--version'], { stdio: 'ignore' }).status === 0;

/** This process's environment without any AWS setting, then dummy credentials, a region, and no files. */
export function isolatedAwsEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!name.startsWith('AWS_')) env[name] = value;
  return {
    ...env,
    AWS_ACCESS_KEY_ID: 'AKIDSHARDLINE',
    AWS_SECRET_ACCESS_KEY: 'shardline',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
  };
}
