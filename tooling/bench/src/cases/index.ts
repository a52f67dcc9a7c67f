import type { BenchCase } from '../bench-case.js';
import type { BenchEnvironment } from '../environment.js';
import type { Project } from '../project.js';
import { sequentialCase, throughputCase } from './commands.js';
import { connectCase } from './connect.js';
import { microCases } from './micro.js';
import { referenceCases } from './reference.js';
import { sftpCase } from './sftp.js';
import { streamCase } from './streams.js';

/**
 * Every case, in the order they run and are printed. Building them has no
 * side effects (setup does the work), so a worker process can rebuild the
 * same list to run one contender.
 */
export function buildCases(project: Project, environment: BenchEnvironment): BenchCase[] {
  if (environment.link !== undefined) {
    // Over a link the question is round trips and windows, not CPU: the cases
    // a user waits on, with the default cipher.
    return [
      connectCase(project, environment),
      sequentialCase(project, environment),
      streamCase(project, environment, 'download', 'chacha20'),
      streamCase(project, environment, 'upload', 'chacha20'),
      sftpCase(project, environment, 'download'),
      sftpCase(project, environment, 'upload'),
    ];
  }
  return [
    ...referenceCases(environment),
    connectCase(project, environment),
    sequentialCase(project, environment),
    throughputCase(project, environment, 10),
    throughputCase(project, environment, 50),
    streamCase(project, environment, 'download', 'chacha20'),
    streamCase(project, environment, 'upload', 'chacha20'),
    streamCase(project, environment, 'download', 'aes128gcm'),
    streamCase(project, environment, 'upload', 'aes128gcm'),
    sftpCase(project, environment, 'download'),
    sftpCase(project, environment, 'upload'),
    ...microCases(project, environment),
  ];
}
