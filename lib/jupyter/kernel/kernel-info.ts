// What the kernel says about itself in kernel_info_reply.
import * as path from 'path';
import { JsonObject, KERNEL_PROTOCOL_VERSION } from '../client/wire';
import { projectRoot } from '../../project';

/** The TypeScript compiler tslab runs cells with. */
export function typescriptVersion(): string {
  return (require('@tslab/typescript-for-tslab') as { version: string }).version;
}

/** language_info: TypeScript as tslab compiles it (JupyterLab picks its TypeScript highlighting from this). */
export function languageInfo(): JsonObject {
  return {
    name: 'typescript',
    version: typescriptVersion(),
    mimetype: 'text/typescript',
    file_extension: '.ts',
    pygments_lexer: 'typescript',
    codemirror_mode: { name: 'javascript', typescript: true, mode: 'typescript' },
    nbconvert_exporter: 'script',
  };
}

/** The content of kernel_info_reply. */
export function kernelInfoReply(): JsonObject {
  const pkg = require(path.join(projectRoot(), 'package.json')) as { version: string };
  const tslab = require('tslab/package.json') as { version: string };
  return {
    status: 'ok',
    protocol_version: KERNEL_PROTOCOL_VERSION,
    implementation: 'replearn',
    implementation_version: pkg.version,
    language_info: languageInfo(),
    banner: `replearn ${pkg.version}: TypeScript ${typescriptVersion()} (tslab ${tslab.version} engine) on Node.js ${process.version}`,
    help_links: [
      { text: 'TypeScript handbook', url: 'https://www.typescriptlang.org/docs/handbook/' },
      { text: 'TensorFlow.js API', url: 'https://js.tensorflow.org/api/latest/' },
    ],
    debugger: false,
  };
}
